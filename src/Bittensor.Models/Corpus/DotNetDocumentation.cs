using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Bittensor.Models.Corpus;

/// <summary>Finds the XML documentation of the installed .NET reference packs and turns each member's docs into text.</summary>
internal static class DotNetDocumentation
{
    private const char ParagraphBreak = '\u2029';

    public static (string Root, IReadOnlyList<string> Files) FindFiles(string? dotnetRoot)
    {
        var candidates = new List<string>();
        if (dotnetRoot is not null)
        {
            candidates.Add(dotnetRoot);
        }
        else
        {
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } fromEnvironment)
            {
                candidates.Add(fromEnvironment);
            }

            // <root>/shared/Microsoft.NETCore.App/<version>/
            var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
            if (runtime.Parent?.Parent?.Parent is { } runtimeRoot)
            {
                candidates.Add(runtimeRoot.FullName);
            }

            if (DotnetOnPath() is { } fromPath)
            {
                candidates.Add(fromPath);
            }
        }

        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var files = FilesUnder(candidate);
            if (files.Count > 0)
            {
                return (Path.GetFullPath(candidate), files);
            }
        }

        throw new DirectoryNotFoundException(
            "No XML documentation of .NET reference packs was found (looked for packs/*.Ref/<version>/ref/<tfm>/*.xml under " +
            (candidates.Count == 0 ? "no .NET installation" : string.Join(", ", candidates.Distinct(StringComparer.Ordinal))) +
            "). Install the .NET SDK, set DOTNET_ROOT to its folder, or use a folder of .txt/.jsonl files as the corpus.");
    }

    /// <summary>
    /// Every documented member of <paramref name="files"/>, in file order, each member once (the first file with text
    /// for it wins).
    /// </summary>
    public static IEnumerable<CorpusDocument> Read(IReadOnlyList<string> files)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var documents in files.Select(ReadFile))
        {
            foreach (var document in documents)
            {
                if (seen.Add(document.Key))
                {
                    yield return document;
                }
            }
        }
    }

    private static List<CorpusDocument> ReadFile(string file)
    {
        var documents = new List<CorpusDocument>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true, XmlResolver = null };
        using var reader = XmlReader.Create(file, settings);
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "member")
            {
                reader.Read();
                continue;
            }

            var member = (XElement)XNode.ReadFrom(reader);
            if ((string?)member.Attribute("name") is { } name && MemberText(member) is { Length: > 0 } text)
            {
                documents.Add(new CorpusDocument(name, text));
            }
        }

        return documents;
    }

    /// <summary>A member's documentation as plain text: summary, remarks, value, parameters, return value.</summary>
    internal static string MemberText(XElement member)
    {
        var sections = new List<string>();
        void Add(string? prefix, XElement element)
        {
            var text = Normalize(Render(element));
            if (text.Length > 0)
            {
                sections.Add(prefix is null ? text : prefix + text);
            }
        }

        foreach (var summary in member.Elements("summary"))
        {
            Add(null, summary);
        }

        foreach (var remarks in member.Elements("remarks"))
        {
            Add(null, remarks);
        }

        foreach (var value in member.Elements("value"))
        {
            Add("Value: ", value);
        }

        foreach (var parameter in member.Elements("typeparam").Concat(member.Elements("param")))
        {
            Add($"{(string?)parameter.Attribute("name")}: ", parameter);
        }

        foreach (var returns in member.Elements("returns"))
        {
            Add("Returns: ", returns);
        }

        return string.Join('\n', sections);
    }

    /// <summary>The readable name of a cref: a type's simple name (with type parameters), or Type.Member.</summary>
    internal static string CrefName(string cref)
    {
        var kind = cref.Length > 2 && cref[1] == ':' ? cref[0] : 'T';
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        var parts = name.Split('.');
        if (kind is 'T' or 'N' || parts.Length < 2)
        {
            return TypeName(parts[^1]);
        }

        var member = parts[^1];
        var type = TypeName(parts[^2]);
        if (member == "#ctor")
        {
            return type;
        }

        var arity = member.IndexOf('`', StringComparison.Ordinal);
        return $"{type}.{(arity >= 0 ? member[..arity] : member)}";
    }

    private static string TypeName(string segment)
    {
        var tick = segment.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0 || !int.TryParse(segment.AsSpan(tick + 1), out var arity) || arity < 1)
        {
            return segment;
        }

        var parameters = arity == 1 ? "T" : string.Join(',', Enumerable.Range(1, arity).Select(i => $"T{i}"));
        return $"{segment[..tick]}<{parameters}>";
    }

    private static string Render(XElement element)
    {
        var builder = new StringBuilder();
        RenderChildren(element, builder);
        return builder.ToString();
    }

    private static void RenderChildren(XElement element, StringBuilder builder)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child:
                    RenderElement(child, builder);
                    break;
                default:
                    break;
            }
        }
    }

    private static void RenderElement(XElement element, StringBuilder builder)
    {
        switch (element.Name.LocalName)
        {
            case "see" or "seealso":
                if (element.Nodes().Any())
                {
                    RenderChildren(element, builder);
                }
                else if (element.Attribute("langword") is { } langword)
                {
                    builder.Append(langword.Value);
                }
                else if (element.Attribute("cref") is { } cref)
                {
                    builder.Append(CrefName(cref.Value));
                }
                else if (element.Attribute("href") is { } href)
                {
                    builder.Append(href.Value);
                }

                break;
            case "code" when element.Attribute("data-dev-comment-type") is not null:
                RenderChildren(element, builder); // inline code standing for a <paramref>, <see langword> and the like
                break;
            case "paramref" or "typeparamref":
                builder.Append((string?)element.Attribute("name"));
                break;
            case "para" or "p" or "list" or "item" or "listheader" or "code" or "example" or "br":
                builder.Append(ParagraphBreak);
                RenderChildren(element, builder);
                builder.Append(ParagraphBreak);
                break;
            case "term":
                RenderChildren(element, builder);
                builder.Append(": ");
                break;
            case "inheritdoc" or "include" or "exclude":
                break;
            default:
                RenderChildren(element, builder);
                break;
        }
    }

    /// <summary>Paragraphs (explicit breaks or blank lines) joined by one newline, whitespace inside each collapsed.</summary>
    private static string Normalize(string raw)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        var pendingSpace = false;
        var newlines = 0;
        void EndParagraph()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }

            pendingSpace = false;
        }

        foreach (var c in raw)
        {
            if (c == ParagraphBreak)
            {
                EndParagraph();
                newlines = 0;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (c == '\n' && ++newlines >= 2)
                {
                    EndParagraph();
                }
                else if (current.Length > 0)
                {
                    pendingSpace = true;
                }

                continue;
            }

            newlines = 0;
            if (pendingSpace)
            {
                current.Append(' ');
                pendingSpace = false;
            }

            current.Append(c);
        }

        EndParagraph();
        return string.Join('\n', paragraphs);
    }

    private static List<string> FilesUnder(string root)
    {
        var packs = Path.Combine(root, "packs");
        var files = new List<string>();
        if (!Directory.Exists(packs))
        {
            return files;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var packFolders = Directory.GetDirectories(packs)
            .Where(p => Path.GetFileName(p).EndsWith(".Ref", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => Path.GetFileName(p) == "Microsoft.NETCore.App.Ref" ? 0 : 1)
            .ThenBy(p => Path.GetFileName(p), StringComparer.Ordinal);
        foreach (var pack in packFolders)
        {
            var version = Newest(Directory.GetDirectories(pack), static name => name);
            if (version is null || !Directory.Exists(Path.Combine(version, "ref")))
            {
                continue;
            }

            var framework = Newest(
                Directory.GetDirectories(Path.Combine(version, "ref")),
                static name => name.StartsWith("net", StringComparison.Ordinal) ? name[3..] : null);
            if (framework is null)
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(framework, "*.xml").Order(StringComparer.Ordinal))
            {
                if (names.Add(Path.GetFileName(file)))
                {
                    files.Add(file);
                }
            }
        }

        return files;
    }

    private static string? Newest(string[] folders, Func<string, string?> versionText)
    {
        string? best = null;
        Version? bestVersion = null;
        foreach (var folder in folders)
        {
            var text = versionText(Path.GetFileName(folder));
            var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
            if (text is null || !Version.TryParse(dash >= 0 ? text[..dash] : text, out var version))
            {
                continue;
            }

            if (bestVersion is null || version > bestVersion
                || (version == bestVersion && string.CompareOrdinal(Path.GetFileName(folder), Path.GetFileName(best)) > 0))
            {
                best = folder;
                bestVersion = version;
            }
        }

        return best;
    }

    private static string? DotnetOnPath()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            return Path.GetDirectoryName(resolved);
        }

        return null;
    }
}
