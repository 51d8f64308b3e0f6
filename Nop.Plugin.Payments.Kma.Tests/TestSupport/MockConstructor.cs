using Moq;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// Builds a class through its widest constructor: the given objects fill the parameters they fit,
/// every other interface or abstract parameter gets a loose Moq mock. Keeps tests independent of
/// constructor parameters they don't care about.
/// </summary>
public static class MockConstructor
{
    public static T Create<T>(params object[] dependencies) where T : class
    {
        var constructor = typeof(T).GetConstructors().OrderByDescending(candidate => candidate.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            var given = dependencies.FirstOrDefault(dependency => dependency != null && parameter.ParameterType.IsInstanceOfType(dependency));
            if (given != null)
                return given;

            if (parameter.ParameterType.IsInterface || parameter.ParameterType.IsAbstract)
            {
                var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(parameter.ParameterType));
                return mock.Object;
            }

            return parameter.HasDefaultValue ? parameter.DefaultValue : Activator.CreateInstance(parameter.ParameterType);
        }).ToArray();

        return (T)constructor.Invoke(arguments);
    }
}
