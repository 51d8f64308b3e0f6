// Compares every public declaration of the nopCommerce facade (build/NopSdk) with a nopCommerce 4.90 source tree.
// Usage: dotnet run --project build/FacadeCheck -- <nopCommerce src folder> [facade folder]
//            [--fluentmigrator <folder with FluentMigrator.dll and FluentMigrator.Abstractions.dll>[:<folder>...]]
// Exit code 0 when every facade type and member exists in the same assembly with the same shape.
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

//the FluentMigrator reference assemblies are compared with the package's DLLs (FluentMigrator has no source here)
string[] fluentMigratorFolders = null;
var fluentMigratorArg = Array.IndexOf(args, "--fluentmigrator");
if (fluentMigratorArg >= 0 && fluentMigratorArg + 1 < args.Length)
{
    fluentMigratorFolders = args[fluentMigratorArg + 1].Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    args = args.Where((_, index) => index != fluentMigratorArg && index != fluentMigratorArg + 1).ToArray();
}

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: FacadeCheck <nopCommerce src folder> [facade folder] [--fluentmigrator <dll folder>[:<dll folder>]]");
    return 2;
}

var nopSrc = Path.GetFullPath(args[0]);
var facadeDir = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine("build", "NopSdk"));
var assemblies = new Dictionary<string, string>
{
    ["Nop.Core"] = Path.Combine("Libraries", "Nop.Core"),
    ["Nop.Services"] = Path.Combine("Libraries", "Nop.Services"),
    ["Nop.Web.Framework"] = Path.Combine("Presentation", "Nop.Web.Framework"),
    ["Nop.Data"] = Path.Combine("Libraries", "Nop.Data")
};

// Interfaces (and the record) the plugin implements or derives from: every real member must be in the facade.
var complete = new HashSet<string>
{
    "Nop.Services.Plugins.IPlugin", "Nop.Services.Payments.IPaymentMethod", "Nop.Core.Configuration.ISettings",
    "Nop.Services.ScheduleTasks.IScheduleTask", "Nop.Services.Events.IConsumer`1", "Nop.Core.Infrastructure.INopStartup",
    "Nop.Web.Framework.Mvc.Routing.IRouteProvider", "Nop.Web.Framework.Models.ILocalizedModel`1",
    "Nop.Web.Framework.Models.ILocalizedLocaleModel", "Nop.Web.Framework.Models.BaseNopModel", "Nop.Services.Plugins.BasePlugin"
};

var real = new Dictionary<string, TypeDecls>();
var facade = new Dictionary<string, TypeDecls>();
foreach (var (assembly, folder) in assemblies)
{
    Collect(Path.Combine(nopSrc, folder), assembly, real);
    Collect(Path.Combine(facadeDir, assembly), assembly, facade);
}

if (real.Count == 0)
{
    Console.Error.WriteLine($"no nopCommerce sources under {nopSrc}");
    return 2;
}

var errors = new List<string>();
var memberCount = 0;
foreach (var (name, mine) in facade.OrderBy(pair => pair.Key))
{
    if (!IsVisible(mine.Decls[0].Modifiers, mine.Parent))
        continue;

    if (!real.TryGetValue(name, out var theirs))
    {
        errors.Add($"{name}: no such type in nopCommerce");
        continue;
    }

    if (theirs.Assembly != mine.Assembly)
        errors.Add($"{name}: declared in {theirs.Assembly}, the facade has it in {mine.Assembly}");

    Compare(name, "kind", TypeShape(mine), TypeShape(theirs));
    Compare(name, "attribute usage", AttributeUsage(mine), AttributeUsage(theirs));

    if (mine.Decls[0] is EnumDeclarationSyntax)
    {
        Compare(name, "enum members", EnumMembers(mine), EnumMembers(theirs));
        continue;
    }

    var myMembers = Members(mine, publicOnly: true);
    var theirMembers = Members(theirs, publicOnly: false);
    foreach (var (key, detail) in myMembers)
    {
        memberCount++;
        if (!theirMembers.TryGetValue(key, out var theirDetail))
            errors.Add($"{name}: {key} does not exist in nopCommerce");
        else
            Compare(name, key, detail, theirDetail);
    }

    if (complete.Contains(name))
    {
        foreach (var (key, detail) in theirMembers.Where(pair => IsPublicDetail(pair.Value, theirs)))
        {
            if (!myMembers.ContainsKey(key))
                errors.Add($"{name}: must be complete but lacks {key} ({detail})");
        }
    }
}

if (fluentMigratorFolders != null)
{
    var (fluentTypes, fluentMembers) = FluentMigratorCheck.Run(facadeDir, fluentMigratorFolders, errors);
    Console.WriteLine($"{fluentTypes} FluentMigrator reference types, {fluentMembers} members checked against {string.Join(", ", fluentMigratorFolders)}");
}

foreach (var error in errors)
    Console.WriteLine("MISMATCH " + error);

Console.WriteLine($"{facade.Count} facade types, {memberCount} members checked against {nopSrc}: {errors.Count} mismatch(es)");
return errors.Count == 0 ? 0 : 1;

void Compare(string type, string what, string mine, string theirs)
{
    if (mine != theirs)
        errors.Add($"{type}: {what}\n    facade:      {mine}\n    nopCommerce: {theirs}");
}

static void Collect(string folder, string assembly, Dictionary<string, TypeDecls> into)
{
    if (!Directory.Exists(folder))
        return;

    foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
    {
        var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
        if (relative.StartsWith("obj/") || relative.StartsWith("bin/"))
            continue;

        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview)).GetCompilationUnitRoot();
        Walk(root.Members, "", null, assembly, into);
    }
}

static void Walk(SyntaxList<MemberDeclarationSyntax> members, string prefix, TypeDecls parent, string assembly, Dictionary<string, TypeDecls> into)
{
    foreach (var member in members)
    {
        switch (member)
        {
            case BaseNamespaceDeclarationSyntax ns:
                Walk(ns.Members, prefix + ns.Name.ToString().Replace(" ", "") + ".", null, assembly, into);
                break;
            case BaseTypeDeclarationSyntax type:
                var arity = (type as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Count ?? 0;
                var name = prefix + type.Identifier.Text + (arity > 0 ? "`" + arity : "");
                if (!into.TryGetValue(name, out var decls))
                    into[name] = decls = new TypeDecls(assembly, parent);
                decls.Decls.Add(type);
                if (type is TypeDeclarationSyntax withMembers)
                    Walk(withMembers.Members, name + "+", decls, assembly, into);
                break;
        }
    }
}

static bool IsVisible(SyntaxTokenList modifiers, TypeDecls parent)
{
    var text = modifiers.Select(token => token.Text).ToList();
    var visible = text.Contains("public") || (parent != null && text.Contains("protected") && !text.Contains("private"));
    return visible && (parent == null || IsVisible(parent.Decls[0].Modifiers, parent.Parent));
}

static bool IsPublicDetail(string detail, TypeDecls owner)
{
    return owner.Decls[0] is InterfaceDeclarationSyntax || detail.Contains("public ") || detail.Contains("protected ");
}

static string TypeShape(TypeDecls type)
{
    var first = type.Decls[0];
    var kind = first switch
    {
        RecordDeclarationSyntax record => "record " + record.ClassOrStructKeyword.Text,
        TypeDeclarationSyntax typeDecl => typeDecl.Keyword.Text,
        EnumDeclarationSyntax => "enum",
        _ => first.Kind().ToString()
    };
    var modifiers = Modifiers(type.Decls.SelectMany(decl => decl.Modifiers));
    var bases = type.Decls.SelectMany(decl => decl.BaseList?.Types.Select(baseType => Norm(baseType.Type)) ?? [])
        .Distinct().OrderBy(text => text, StringComparer.Ordinal);
    var typeParameters = first is TypeDeclarationSyntax generic ? Norm(generic.TypeParameterList) + " " +
        string.Join(" ", type.Decls.OfType<TypeDeclarationSyntax>().SelectMany(decl => decl.ConstraintClauses).Select(Norm).Distinct()) : "";
    var underlying = first is EnumDeclarationSyntax ? " : " + string.Join(",", bases.DefaultIfEmpty("int")) : " : " + string.Join(", ", bases);
    return $"{modifiers}{kind}{typeParameters}{underlying}".Trim();
}

static string AttributeUsage(TypeDecls type)
{
    return string.Join(" ", type.Decls.SelectMany(decl => decl.AttributeLists).SelectMany(list => list.Attributes)
        .Where(attribute => attribute.Name.ToString().EndsWith("AttributeUsage"))
        .Select(Norm));
}

static string EnumMembers(TypeDecls type)
{
    var next = 0L;
    var values = new List<string>();
    foreach (var member in type.Decls.OfType<EnumDeclarationSyntax>().SelectMany(decl => decl.Members))
    {
        if (member.EqualsValue != null && long.TryParse(member.EqualsValue.Value.ToString(), out var value))
            next = value;
        values.Add($"{member.Identifier.Text}={(member.EqualsValue == null || long.TryParse(member.EqualsValue.Value.ToString(), out _) ? next.ToString() : Norm(member.EqualsValue.Value))}");
        next++;
    }

    return string.Join(", ", values);
}

static Dictionary<string, string> Members(TypeDecls type, bool publicOnly)
{
    var result = new Dictionary<string, string>();
    var isInterface = type.Decls[0] is InterfaceDeclarationSyntax;
    foreach (var decl in type.Decls.OfType<TypeDeclarationSyntax>())
    {
        if (decl is RecordDeclarationSyntax { ParameterList: not null } positional)
            result["C:(" + string.Join(",", positional.ParameterList.Parameters.Select(ParameterType)) + ")"] = "public primary constructor";

        foreach (var member in decl.Members)
        {
            if (member is BaseTypeDeclarationSyntax)
                continue;

            var modifiers = member.Modifiers;
            if (publicOnly && !isInterface && !modifiers.Any(token => token.Text is "public" or "protected"))
                continue;
            if (publicOnly && modifiers.Any(token => token.Text == "private") && !modifiers.Any(token => token.Text == "protected"))
                continue;

            var mods = Modifiers(modifiers);
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    result[$"M:{method.Identifier.Text}`{method.TypeParameterList?.Parameters.Count ?? 0}({string.Join(",", method.ParameterList.Parameters.Select(ParameterType))})"] =
                        $"{mods}{Norm(method.ReturnType)} {method.Identifier.Text}{Norm(method.TypeParameterList)}({Parameters(method.ParameterList)}) {string.Join(" ", method.ConstraintClauses.Select(Norm))}".Trim();
                    break;
                case ConstructorDeclarationSyntax ctor when !ctor.Modifiers.Any(token => token.Text == "static"):
                    result[$"C:({string.Join(",", ctor.ParameterList.Parameters.Select(ParameterType))})"] = $"{mods}ctor({Parameters(ctor.ParameterList)})";
                    break;
                case PropertyDeclarationSyntax property:
                    result["P:" + property.Identifier.Text] = $"{mods}{Norm(property.Type)} {{ {Accessors(property.AccessorList, property.ExpressionBody)} }}";
                    break;
                case IndexerDeclarationSyntax indexer:
                    result[$"I:[{string.Join(",", indexer.ParameterList.Parameters.Select(ParameterType))}]"] = $"{mods}{Norm(indexer.Type)} this[{string.Join(", ", indexer.ParameterList.Parameters.Select(Norm))}] {{ {Accessors(indexer.AccessorList, indexer.ExpressionBody)} }}";
                    break;
                case FieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        var value = mods.Contains("const ") ? " = " + ConstValue(variable.Initializer?.Value, decl) : "";
                        result["F:" + variable.Identifier.Text] = $"{mods}{Norm(field.Declaration.Type)}{value}";
                    }

                    break;
                case EventFieldDeclarationSyntax eventField:
                    foreach (var variable in eventField.Declaration.Variables)
                        result["E:" + variable.Identifier.Text] = $"{mods}event {Norm(eventField.Declaration.Type)}";
                    break;
                case OperatorDeclarationSyntax op:
                    result[$"O:{op.OperatorToken.Text}({string.Join(",", op.ParameterList.Parameters.Select(ParameterType))})"] = $"{mods}{Norm(op.ReturnType)}";
                    break;
            }
        }
    }

    return result;
}

// The value a const compiles to (consts are inlined into the plugin, so only the value matters).
static string ConstValue(ExpressionSyntax expression, TypeDeclarationSyntax owner)
{
    switch (expression)
    {
        case LiteralExpressionSyntax literal:
            return literal.Token.Value is string text ? text : literal.Token.ValueText;
        case InterpolatedStringExpressionSyntax interpolated:
            return string.Concat(interpolated.Contents.Select(part => part switch
            {
                InterpolatedStringTextSyntax textPart => textPart.TextToken.ValueText,
                InterpolationSyntax { Expression: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } call } =>
                    call.ArgumentList.Arguments[0].Expression.ToString().Split('.').Last(),
                InterpolationSyntax hole => ConstValue(hole.Expression, owner),
                _ => part.ToString()
            }));
        case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum:
            return ConstValue(sum.Left, owner) + ConstValue(sum.Right, owner);
        case ParenthesizedExpressionSyntax parenthesized:
            return ConstValue(parenthesized.Expression, owner);
        case IdentifierNameSyntax name:
            var other = owner.Members.OfType<FieldDeclarationSyntax>().SelectMany(field => field.Declaration.Variables)
                .FirstOrDefault(variable => variable.Identifier.Text == name.Identifier.Text);
            return other?.Initializer != null ? ConstValue(other.Initializer.Value, owner) : name.ToString();
        default:
            return Norm(expression);
    }
}

static string Accessors(AccessorListSyntax accessors, ArrowExpressionClauseSyntax expressionBody)
{
    if (accessors == null)
        return expressionBody != null ? "get;" : "";

    //the order accessors are written in does not reach the metadata
    return string.Join(" ", accessors.Accessors.Select(accessor => $"{Modifiers(accessor.Modifiers)}{accessor.Keyword.Text};")
        .OrderBy(accessor => accessor.EndsWith("get;", StringComparison.Ordinal) ? 0 : 1));
}

static string Parameters(ParameterListSyntax list)
{
    return string.Join(", ", list.Parameters.Select(parameter =>
        $"{Modifiers(parameter.Modifiers)}{Norm(parameter.Type)} {parameter.Identifier.Text}{(parameter.Default != null ? " = " + Norm(parameter.Default.Value) : "")}"));
}

static string ParameterType(ParameterSyntax parameter)
{
    var refKind = string.Join("", parameter.Modifiers.Where(token => token.Text is "ref" or "out" or "in").Select(token => token.Text + " "));
    return refKind + Norm(parameter.Type);
}

static string Modifiers(IEnumerable<SyntaxToken> tokens)
{
    var ignored = new HashSet<string> { "partial", "async", "extern", "unsafe" };
    var order = new[] { "public", "protected", "internal", "private", "static", "const", "readonly", "sealed", "abstract", "virtual", "override", "new", "this", "params", "ref", "out", "in", "required" };
    var texts = tokens.Select(token => token.Text).Where(text => !ignored.Contains(text)).Distinct().ToList();
    return string.Concat(texts.OrderBy(text => Array.IndexOf(order, text)).Select(text => text + " "));
}

// Namespaces are not compared here (the type lookup already did): reduce qualified names to their last part.
static string Norm(SyntaxNode node)
{
    if (node == null)
        return "";

    var text = Regex.Replace(node.ToString(), @"\s+", " ");
    text = Regex.Replace(text, @"\s*([<>,()\[\]?])\s*", "$1").Replace(",", ", ");
    text = text.Replace("global::", "");
    text = Regex.Replace(text, @"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+([A-Za-z_][A-Za-z0-9_]*)\b", "$1");
    return text.Trim();
}

sealed class TypeDecls(string assembly, TypeDecls parent)
{
    public string Assembly { get; } = assembly;

    public TypeDecls Parent { get; } = parent;

    public List<BaseTypeDeclarationSyntax> Decls { get; } = [];
}
