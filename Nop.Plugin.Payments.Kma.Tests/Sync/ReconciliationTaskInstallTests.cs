using Moq;
using Nop.Core.Domain.Localization;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Plugin.Payments.Kma.Services;
using Nop.Plugin.Payments.Kma.Tests.TestSupport;
using Nop.Services.Localization;
using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class ReconciliationTaskInstallTests
{
    private Mock<IScheduleTaskService> _scheduleTaskService;

    private KmaPaymentProcessor CreateProcessor()
    {
        var languages = new Mock<ILanguageService>();
        languages.Setup(service => service.GetAllLanguagesAsync(It.IsAny<bool>(), It.IsAny<int>())).ReturnsAsync(new List<Language>());
        _scheduleTaskService = new Mock<IScheduleTaskService>();
        return MockConstructor.Create<KmaPaymentProcessor>(UninstallDependencies.For(new Mock<Nop.Services.Configuration.ISettingService>())
            .Append(languages.Object).Append(_scheduleTaskService.Object).ToArray());
    }

    [Test]
    public void TaskTypeNamesTheTaskClass()
    {
        Assert.That(KmaDefaults.ReconciliationTask.Type, Is.EqualTo(typeof(KmaReconciliationTask).FullName));
    }

    [Test]
    public async Task InstallRegistersTheTaskEveryFiveMinutesEnabled()
    {
        var processor = CreateProcessor();
        ScheduleTask inserted = null;
        _scheduleTaskService.Setup(service => service.InsertTaskAsync(It.IsAny<ScheduleTask>())).Callback((ScheduleTask task) => inserted = task).Returns(Task.CompletedTask);

        await processor.InstallAsync();

        Assert.That(inserted, Is.Not.Null);
        Assert.That(inserted.Type, Is.EqualTo(typeof(KmaReconciliationTask).FullName));
        Assert.That(inserted.Seconds, Is.EqualTo(300));
        Assert.That(inserted.Enabled, Is.True);
        Assert.That(inserted.StopOnError, Is.False);
    }

    [Test]
    public async Task InstallDoesNotAddTheTaskTwice()
    {
        var processor = CreateProcessor();
        _scheduleTaskService.Setup(service => service.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type)).ReturnsAsync(new ScheduleTask { Id = 4 });

        await processor.InstallAsync();

        _scheduleTaskService.Verify(service => service.InsertTaskAsync(It.IsAny<ScheduleTask>()), Times.Never);
    }

    [Test]
    public async Task UninstallRemovesTheTask()
    {
        var processor = CreateProcessor();
        var existing = new ScheduleTask { Id = 4, Type = KmaDefaults.ReconciliationTask.Type };
        _scheduleTaskService.Setup(service => service.GetTaskByTypeAsync(KmaDefaults.ReconciliationTask.Type)).ReturnsAsync(existing);

        await processor.UninstallAsync();

        _scheduleTaskService.Verify(service => service.DeleteTaskAsync(existing), Times.Once);
    }
}
