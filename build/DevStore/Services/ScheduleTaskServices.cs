using DevStore.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Services.Logging;
using Nop.Services.ScheduleTasks;

namespace DevStore.Services;

public class ScheduleTaskService : IScheduleTaskService
{
    private readonly DevStoreData _data;

    public ScheduleTaskService(DevStoreData data)
    {
        _data = data;
    }

    public Task DeleteTaskAsync(ScheduleTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _data.ScheduleTasks.Delete(row => row.Id == task.Id);
        return Task.CompletedTask;
    }

    public Task<ScheduleTask> GetTaskByIdAsync(int taskId) => Task.FromResult(taskId == 0 ? null : _data.ScheduleTasks.GetById(taskId));

    public Task<ScheduleTask> GetTaskByTypeAsync(string type) => Task.FromResult(string.IsNullOrWhiteSpace(type)
        ? null
        : _data.ScheduleTasks.Query(task => task.Type == type).OrderByDescending(task => task.Id).FirstOrDefault());

    public Task<IList<ScheduleTask>> GetAllTasksAsync(bool showHidden = false)
    {
        IList<ScheduleTask> tasks = _data.ScheduleTasks.Query(task => showHidden || task.Enabled).OrderByDescending(task => task.Seconds).ToList();
        return Task.FromResult(tasks);
    }

    public Task InsertTaskAsync(ScheduleTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Enabled && !task.LastEnabledUtc.HasValue)
            task.LastEnabledUtc = DateTime.UtcNow;
        _data.ScheduleTasks.Insert(task);
        return Task.CompletedTask;
    }

    public Task UpdateTaskAsync(ScheduleTask task)
    {
        _data.ScheduleTasks.Update(task);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Runs a schedule task in its own scope as nopCommerce's ScheduleTaskRunner does: the type is found by name
/// (assembly part optional), resolved or created with constructor injection, and the run times are recorded
/// </summary>
public class ScheduleTaskRunner
{
    private readonly IServiceScopeFactory _scopeFactory;

    public ScheduleTaskRunner(IServiceScopeFactory scopeFactory)
    {
        _scopeFactory = scopeFactory;
    }

    private static Type FindType(string typeName)
    {
        return Type.GetType(typeName, false)
            ?? AppDomain.CurrentDomain.GetAssemblies()
                .Select(assembly => assembly.GetType(typeName.Split(',')[0].Trim(), false))
                .FirstOrDefault(type => type != null);
    }

    /// <summary>
    /// Runs one task now
    /// </summary>
    /// <param name="task">The task</param>
    /// <param name="throwException">Whether a failure is rethrown (it is always logged)</param>
    public async Task ExecuteAsync(ScheduleTask task, bool throwException = false)
    {
        ArgumentNullException.ThrowIfNull(task);

        await using var scope = _scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var taskService = services.GetRequiredService<IScheduleTaskService>();
        task = await taskService.GetTaskByIdAsync(task.Id) ?? task;

        var type = FindType(task.Type) ?? throw new Exception($"Schedule task ({task.Type}) cannot by instantiated");
        try
        {
            var instance = (IScheduleTask)(services.GetService(type) ?? ActivatorUtilities.CreateInstance(services, type));
            task.LastStartUtc = DateTime.UtcNow;
            await taskService.UpdateTaskAsync(task);

            await instance.ExecuteAsync();

            task.LastEndUtc = task.LastSuccessUtc = DateTime.UtcNow;
            await taskService.UpdateTaskAsync(task);
        }
        catch (Exception exception)
        {
            task.LastEndUtc = DateTime.UtcNow;
            await taskService.UpdateTaskAsync(task);
            await services.GetRequiredService<ILogger>().ErrorAsync($"Error while running the '{task.Name}' schedule task. {exception.Message}", exception);
            if (throwException)
                throw;
        }
    }

    /// <summary>
    /// Runs every enabled task now, one after another
    /// </summary>
    public async Task RunAllAsync(bool throwException = false)
    {
        IList<ScheduleTask> tasks;
        await using (var scope = _scopeFactory.CreateAsyncScope())
            tasks = await scope.ServiceProvider.GetRequiredService<IScheduleTaskService>().GetAllTasksAsync();

        foreach (var task in tasks)
            await ExecuteAsync(task, throwException);
    }
}

/// <summary>
/// Runs due tasks in the background (off in tests: they run tasks on demand)
/// </summary>
public class ScheduleTaskBackgroundService : BackgroundService
{
    private readonly ScheduleTaskRunner _runner;
    private readonly IServiceScopeFactory _scopeFactory;

    public ScheduleTaskBackgroundService(ScheduleTaskRunner runner, IServiceScopeFactory scopeFactory)
    {
        _runner = runner;
        _scopeFactory = scopeFactory;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IList<ScheduleTask> tasks;
            await using (var scope = _scopeFactory.CreateAsyncScope())
                tasks = await scope.ServiceProvider.GetRequiredService<IScheduleTaskService>().GetAllTasksAsync();

            foreach (var task in tasks.Where(task => !task.LastStartUtc.HasValue || task.LastStartUtc.Value.AddSeconds(task.Seconds) <= DateTime.UtcNow))
                await _runner.ExecuteAsync(task);
        }
    }
}
