using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Records when calls into nopCommerce's services (the DevStore's stand-ins) start and end, so that the time the
/// plugin spends in them can be told apart from its own. Runs are sequential, so every call recorded between two
/// timestamps belongs to the span between them
/// </summary>
public sealed class HostServiceTiming
{
    private readonly ConcurrentQueue<(long Start, long End)> _calls = new();

    /// <summary>
    /// Wraps the last registration of each service type with a proxy that records its calls
    /// </summary>
    public void Decorate(IServiceCollection services, params Type[] serviceTypes)
    {
        foreach (var serviceType in serviceTypes)
        {
            var original = services.Last(descriptor => descriptor.ServiceType == serviceType);
            services.Remove(original);
            services.Add(ServiceDescriptor.Describe(serviceType, provider => TimedServiceProxy.Wrap(serviceType, Resolve(original, provider), this),
                original.Lifetime));
        }
    }

    private static object Resolve(ServiceDescriptor descriptor, IServiceProvider provider) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType);

    internal void Record(long start) => _calls.Enqueue((start, Stopwatch.GetTimestamp()));

    /// <summary>Forgets the calls recorded so far</summary>
    public void Clear() => _calls.Clear();

    /// <summary>
    /// Gets how long, between the two timestamps, at least one service call was under way (nested calls count once)
    /// </summary>
    public long TicksWithin(long from, long to)
    {
        var intervals = _calls.Select(call => (Start: Math.Max(call.Start, from), End: Math.Min(call.End, to)))
            .Where(call => call.End > call.Start)
            .OrderBy(call => call.Start)
            .ToList();
        long total = 0, coveredUntil = from;
        foreach (var (start, end) in intervals)
        {
            var begin = Math.Max(start, coveredUntil);
            if (end > begin)
            {
                total += end - begin;
                coveredUntil = end;
            }
        }

        return total;
    }
}

/// <summary>
/// Forwards every call to the real service and records its duration; an asynchronous call ends when its task does
/// </summary>
public class TimedServiceProxy : DispatchProxy
{
    private object _target;
    private HostServiceTiming _timing;

    internal static object Wrap(Type serviceType, object target, HostServiceTiming timing)
    {
        var proxy = (TimedServiceProxy)typeof(DispatchProxy).GetMethod(nameof(Create), 2, Type.EmptyTypes)
            .MakeGenericMethod(serviceType, typeof(TimedServiceProxy)).Invoke(null, null);
        proxy._target = target;
        proxy._timing = timing;
        return proxy;
    }

    protected override object Invoke(MethodInfo targetMethod, object[] args)
    {
        var start = Stopwatch.GetTimestamp();
        object result;
        try
        {
            result = targetMethod.Invoke(_target, args);
        }
        catch (TargetInvocationException exception)
        {
            _timing.Record(start);
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }

        if (result is Task { IsCompleted: false } task)
            task.ContinueWith(_ => _timing.Record(start), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        else
            _timing.Record(start);

        return result;
    }
}
