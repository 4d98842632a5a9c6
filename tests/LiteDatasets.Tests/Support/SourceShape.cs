using System.Text.RegularExpressions;

namespace LiteDatasets.Tests;

/// <summary>
/// The declarations of one C# source file as a brace-matching scanner sees them: its top-level types and the
/// methods (constructors, operators) declared in type bodies with block bodies. Comments and literals are left out
/// first; local functions and lambdas belong to the method around them, property accessors and initializers are
/// not methods.
/// </summary>
public sealed partial class SourceShape
{
    /// <summary>Words that come before a parenthesis in statements and expressions, never as a method's name.</summary>
    private static readonly HashSet<string> ControlKeywords = ["if", "for", "foreach", "while", "switch", "using", "lock", "catch", "fixed", "when", "return", "new", "typeof", "nameof", "default", "base", "this"];

    private readonly List<DeclaredType> types = [];
    private readonly List<MethodSpan> methods = [];
    private readonly int[] lineStarts;
    private readonly string code;

    private SourceShape(string code)
    {
        this.code = code;
        lineStarts = [0, .. code.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1)];
    }

    private enum Scope
    {
        Namespace,
        Type,
        Method,
        Other,
    }

    /// <summary>Gets the types declared outside every other type, in the order of the source.</summary>
    public IReadOnlyList<DeclaredType> TopLevelTypes => types;

    /// <summary>Gets the methods with block bodies declared directly in a type, in the order of their ends.</summary>
    public IReadOnlyList<MethodSpan> Methods => methods;

    /// <summary>Reads <paramref name="source"/>; throws when its braces do not balance (the scanner would misread it).</summary>
    public static SourceShape Read(string source)
    {
        var shape = new SourceShape(SourceCode.WithoutCommentsAndStrings(source));
        shape.Scan();
        return shape;
    }

    private void Scan()
    {
        var scopes = new Stack<(Scope Kind, string Name, int Line)>();
        var header = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var parent = scopes.Count == 0 ? Scope.Namespace : scopes.Peek().Kind;
            switch (code[i])
            {
                case '{':
                    scopes.Push(Open(header, i, parent));
                    break;
                case '}':
                    Close(scopes.Count > 0 ? scopes.Pop() : throw new FormatException($"An unmatched '}}' on line {LineAt(i)}."), LineAt(i));
                    break;
                case ';':
                    if (parent == Scope.Namespace)
                    {
                        DeclareTopLevel(header, i);
                    }

                    break;
                default:
                    continue;
            }

            header = i + 1;
        }

        if (scopes.Count > 0)
        {
            throw new FormatException($"An unmatched '{{' on line {scopes.Peek().Line}.");
        }
    }

    private (Scope Kind, string Name, int Line) Open(int headerStart, int brace, Scope parent)
    {
        var header = Attribute().Replace(code[headerStart..brace], a => new string(' ', a.Length));
        var line = LineAt(headerStart + header.Length - header.TrimStart().Length);
        if (parent == Scope.Namespace && NamespaceKeyword().IsMatch(header))
        {
            return (Scope.Namespace, string.Empty, line);
        }

        if (parent is Scope.Namespace or Scope.Type && TypeDeclaration().Match(header) is { Success: true } type)
        {
            if (parent == Scope.Namespace)
            {
                types.Add(new DeclaredType(type.Groups["name"].Value, type.Groups["partial"].Success, line));
            }

            return (Scope.Type, type.Groups["name"].Value, line);
        }

        return parent == Scope.Type && MethodName(header) is { } name ? (Scope.Method, name, line) : (Scope.Other, string.Empty, line);
    }

    private void Close((Scope Kind, string Name, int Line) scope, int line)
    {
        if (scope.Kind == Scope.Method)
        {
            methods.Add(new MethodSpan(scope.Name, scope.Line, line - scope.Line + 1));
        }
    }

    private void DeclareTopLevel(int start, int end)
    {
        if (TypeDeclaration().Match(code[start..end]) is { Success: true } type)
        {
            var line = LineAt(start + type.Index);
            types.Add(new DeclaredType(type.Groups["name"].Value, type.Groups["partial"].Success, line));
        }
    }

    /// <summary>The name of the method whose signature <paramref name="header"/> is, or null when it declares no method.</summary>
    private static string? MethodName(string header)
    {
        var signature = ConstructorInitializer().Replace(Constraints().Replace(header.Trim(), string.Empty), string.Empty).TrimEnd();
        if (signature.Contains("=>", StringComparison.Ordinal) || !signature.EndsWith(')'))
        {
            return null;
        }

        var open = MatchingOpen(signature, signature.Length - 1);
        var before = open < 0 ? string.Empty : signature[..open];
        var name = MethodNameBefore().Match(before);
        var isOperator = OperatorKeyword().IsMatch(before);
        if (isOperator)
        {
            return "operator";
        }

        return name.Success && !before.Contains('=', StringComparison.Ordinal) && !ControlKeywords.Contains(name.Groups["name"].Value)
            ? name.Groups["name"].Value
            : null;
    }

    private static int MatchingOpen(string text, int close)
    {
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            depth += text[i] == ')' ? 1 : text[i] == '(' ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private int LineAt(int index)
    {
        var at = Array.BinarySearch(lineStarts, index);
        return (at >= 0 ? at : ~at - 1) + 1;
    }

    [GeneratedRegex(@"\[[^\[\]]*(\[[^\[\]]*\][^\[\]]*)*\]")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\bnamespace\b")]
    private static partial Regex NamespaceKeyword();

    [GeneratedRegex(@"(?<partial>\bpartial\s+)?\b(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(?!where\b)(?<name>@?[A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<=\))\s*where\s.*$", RegexOptions.Singleline)]
    private static partial Regex Constraints();

    [GeneratedRegex(@"(?<=\))\s*:\s*(base|this)\s*\(.*\)$", RegexOptions.Singleline)]
    private static partial Regex ConstructorInitializer();

    [GeneratedRegex(@"(?<name>@?[A-Za-z_]\w*)\s*(<[^()]*>)?\s*$")]
    private static partial Regex MethodNameBefore();

    [GeneratedRegex(@"\boperator\b")]
    private static partial Regex OperatorKeyword();

    /// <summary>A type declared in the file: its name, whether the declaration is partial, and its line.</summary>
    public sealed record DeclaredType(string Name, bool IsPartial, int Line);

    /// <summary>A method with a block body: its name, the line its signature starts on, and its lines up to the closing brace.</summary>
    public sealed record MethodSpan(string Name, int Line, int Lines);
}
