using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

/// <summary>
/// Compares the FluentMigrator reference assemblies (build/NopSdk/FluentMigrator*) with FluentMigrator's real DLLs,
/// read by reflection: every facade type in the same assembly with the same kind, generic constraints and bases,
/// every facade member declared on the same type with the same parameter types
/// </summary>
static class FluentMigratorCheck
{
    private static readonly Dictionary<string, string> _keywords = new()
    {
        ["string"] = "String", ["int"] = "Int32", ["long"] = "Int64", ["bool"] = "Boolean", ["void"] = "Void", ["object"] = "Object"
    };

    public static (int Types, int Members) Run(string facadeDir, IReadOnlyList<string> realFolders, List<string> errors)
    {
        var context = new AssemblyLoadContext("fluentmigrator-check", isCollectible: true);
        context.Resolving += (loader, name) => realFolders.Select(folder => Path.Combine(folder, name.Name + ".dll"))
            .Where(File.Exists).Select(loader.LoadFromAssemblyPath).FirstOrDefault();

        int types = 0, members = 0;
        foreach (var assemblyName in new[] { "FluentMigrator", "FluentMigrator.Abstractions" })
        {
            var path = realFolders.Select(folder => Path.Combine(folder, assemblyName + ".dll")).FirstOrDefault(File.Exists);
            if (path == null)
            {
                errors.Add($"{assemblyName}.dll not found in {string.Join(", ", realFolders)}");
                continue;
            }

            var real = context.LoadFromAssemblyPath(path);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(facadeDir, assemblyName), "*.cs", SearchOption.AllDirectories)
                         .Where(file => !file.Contains("/obj/") && !file.Contains("/bin/")))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetCompilationUnitRoot();
                foreach (var declaration in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
                {
                    types++;
                    members += CheckType(declaration, real, assemblyName, errors);
                }
            }
        }

        context.Unload();
        return (types, members);
    }

    private static string SimpleName(TypeSyntax type)
    {
        var text = type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
            SimpleNameSyntax simple => simple.Identifier.Text,
            PredefinedTypeSyntax predefined => predefined.Keyword.Text,
            _ => type.ToString()
        };
        var arity = (type as QualifiedNameSyntax)?.Right is GenericNameSyntax qualifiedGeneric ? qualifiedGeneric.Arity : (type as GenericNameSyntax)?.Arity ?? 0;
        text = _keywords.GetValueOrDefault(text, text);
        return arity > 0 ? $"{text}`{arity}" : text;
    }

    private static string ClrName(Type type) => type.IsGenericType ? type.GetGenericTypeDefinition().Name : type.Name;

    private static int CheckType(TypeDeclarationSyntax declaration, Assembly real, string assemblyName, List<string> errors)
    {
        var ns = declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(node => node.Name.ToString()).FirstOrDefault();
        var arity = declaration.TypeParameterList?.Parameters.Count ?? 0;
        var name = $"{ns}.{declaration.Identifier.Text}" + (arity > 0 ? $"`{arity}" : "");
        var type = real.GetType(name);
        if (type == null)
        {
            errors.Add($"{name}: not declared in {assemblyName}");
            return 0;
        }

        var isInterface = declaration is InterfaceDeclarationSyntax;
        if (type.IsInterface != isInterface)
            errors.Add($"{name}: kind differs (facade {(isInterface ? "interface" : "class")})");

        //bases: every base the facade names must be a base or an interface of the real type
        var realBases = type.GetInterfaces().Select(ClrName).Append(type.BaseType == null ? null : ClrName(type.BaseType)).ToHashSet();
        foreach (var baseType in declaration.BaseList?.Types ?? default)
        {
            if (!realBases.Contains(SimpleName(baseType.Type)))
                errors.Add($"{name}: has no base {baseType.Type}");
        }

        //generic constraints, by simple name
        if (arity > 0)
        {
            foreach (var (parameter, index) in type.GetGenericArguments().Select((parameter, index) => (parameter, index)))
            {
                var mine = declaration.ConstraintClauses.FirstOrDefault(clause => clause.Name.Identifier.Text == declaration.TypeParameterList!.Parameters[index].Identifier.Text)?
                    .Constraints.OfType<TypeConstraintSyntax>().Select(constraint => SimpleName(constraint.Type)).OrderBy(text => text).ToList() ?? [];
                var theirs = parameter.GetGenericParameterConstraints().Select(ClrName).OrderBy(text => text);
                if (!mine.SequenceEqual(theirs))
                    errors.Add($"{name}: constraints of {parameter.Name} differ ({string.Join(",", mine)} / {string.Join(",", theirs)})");
            }
        }

        var flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var count = 0;
        foreach (var member in declaration.Members)
        {
            if (member.Modifiers.Any(token => token.Text == "private"))
                continue;

            count++;
            switch (member)
            {
                case MethodDeclarationSyntax method:
                {
                    var parameters = method.ParameterList.Parameters.Select(parameter => SimpleName(parameter.Type!)).ToList();
                    var found = type.GetMethods(flags).Any(candidate => candidate.Name == method.Identifier.Text
                        && !candidate.IsPrivate && candidate.GetParameters().Select(parameter => ClrName(parameter.ParameterType)).SequenceEqual(parameters)
                        && ClrName(candidate.ReturnType) == SimpleName(method.ReturnType));
                    if (!found)
                        errors.Add($"{name}: no method {method.ReturnType} {method.Identifier.Text}({string.Join(", ", parameters)})");
                    break;
                }
                case PropertyDeclarationSyntax property:
                    if (type.GetProperty(property.Identifier.Text, flags) is not { } realProperty || ClrName(realProperty.PropertyType) != SimpleName(property.Type))
                        errors.Add($"{name}: no property {property.Type} {property.Identifier.Text}");
                    break;
                case ConstructorDeclarationSyntax constructor:
                {
                    var parameters = constructor.ParameterList.Parameters.Select(parameter => SimpleName(parameter.Type!)).ToList();
                    if (!type.GetConstructors(flags).Any(candidate => !candidate.IsPrivate
                            && candidate.GetParameters().Select(parameter => ClrName(parameter.ParameterType)).SequenceEqual(parameters)))
                        errors.Add($"{name}: no constructor ({string.Join(", ", parameters)})");
                    break;
                }
            }
        }

        return count;
    }
}
