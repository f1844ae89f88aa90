using System.Management.Automation;
using System.Management.Automation.Language;
using System.Xml.Linq;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// The help a user gets from Get-Help in a session that imported the built module: for every exported cmdlet a
/// synopsis, a description, every parameter of the real cmdlet with the real metadata, one syntax per parameter
/// set, and at least three examples with code that parses; and the about_PortOutPasscode topic.
/// </summary>
public class HelpTests
{
    public static readonly string[] Cmdlets =
    {
        "Connect-BwAccount", "Get-BwConnection", "Disconnect-BwAccount", "Set-BwPortOutPasscode",
        "Remove-BwPortOutPasscode", "Get-BwPortOutPasscode", "Get-BwTnOptionOrder", "Get-BwTnOptionOrderHistory",
        "Wait-BwTnOptionOrder", "New-BwPortOutPasscode", "Get-BwPortOut", "Get-BwSubscription", "New-BwSubscription",
        "Remove-BwSubscription", "Test-BwPortOutProtection", "Sync-BwPortOutPasscode",
    };

    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cmdlets) data.Add(name);
        return data;
    }

    private static string HelpFile => Path.Combine(RepoPaths.ModuleFolder, "en-US", "PortOutPasscode.dll-Help.xml");

    [Fact]
    public void Every_exported_cmdlet_is_covered_by_these_tests()
    {
        using var session = new PowerShellSession();
        var exported = session.Run("Get-Command -Module PortOutPasscode").AssertNoErrors()
            .Output.Select(c => ((CommandInfo)c.BaseObject).Name).OrderBy(n => n).ToArray();
        Assert.Equal(Cmdlets.OrderBy(n => n).ToArray(), exported);
    }

    [Fact]
    public void Help_file_ships_in_the_module_folder_and_describes_exactly_the_exported_cmdlets()
    {
        Assert.True(File.Exists(HelpFile), "missing " + HelpFile);
        var command = XNamespace.Get("http://schemas.microsoft.com/maml/dev/command/2004/10");
        var names = XDocument.Load(HelpFile).Descendants(command + "details")
            .Select(d => d.Element(command + "name")!.Value.Trim()).OrderBy(n => n).ToArray();
        Assert.Equal(Cmdlets.OrderBy(n => n).ToArray(), names);

        using var session = new PowerShellSession();
        var helpFiles = session.Run("Get-Command -Module PortOutPasscode | ForEach-Object { $_.HelpFile }").AssertNoErrors();
        Assert.All(helpFiles.Output, f => Assert.Equal("PortOutPasscode.dll-Help.xml", Path.GetFileName((string)f.BaseObject)));
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Get_Help_Full_shows_a_synopsis_a_description_inputs_outputs_and_links(string cmdlet)
    {
        using var session = new PowerShellSession();
        var help = Help(session, cmdlet);

        var synopsis = Text(help, "Synopsis");
        Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{cmdlet}: no synopsis");
        // Without a help file, Get-Help makes the synopsis from the syntax: that is not a synopsis.
        Assert.DoesNotContain("[<CommonParameters>]", synopsis);
        Assert.DoesNotContain(cmdlet + " ", synopsis + " ", StringComparison.Ordinal);
        Assert.EndsWith(".", synopsis.Trim());

        var description = Paragraphs(Value(help, "description"));
        Assert.True(description.Count >= 1 && description.Sum(p => p.Length) >= 100,
            $"{cmdlet}: the description is missing or too short: '{string.Join(" ", description)}'");

        Assert.NotEmpty(Items(Value(help, "inputTypes"), "inputType"));
        Assert.NotEmpty(Items(Value(help, "returnValues"), "returnValue"));
        Assert.NotEmpty(Paragraphs(Value(Items(Value(help, "alertSet"), "alert").FirstOrDefault(), null)));
        var links = Items(Value(help, "relatedLinks"), "navigationLink").Select(l => Text(l, "linkText")).ToList();
        Assert.Contains("about_PortOutPasscode", links);
        Assert.DoesNotContain(cmdlet, links);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Get_Help_Full_documents_every_parameter_of_the_cmdlet_with_a_description(string cmdlet)
    {
        using var session = new PowerShellSession();
        var real = RealParameters(session, cmdlet);
        var documented = Items(Value(Help(session, cmdlet), "parameters"), "parameter")
            .ToDictionary(p => Text(p, "name"), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(real.Keys.OrderBy(n => n), documented.Keys.OrderBy(n => n));
        foreach (var (name, parameter) in documented)
        {
            var description = string.Join(" ", Paragraphs(Value(parameter, "description")));
            Assert.True(description.Length >= 20, $"{cmdlet} -{name}: no real description ('{description}')");
            Assert.False(string.IsNullOrWhiteSpace(Text(parameter, "defaultValue")), $"{cmdlet} -{name}: no default value");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Documented_parameter_metadata_is_the_cmdlet_metadata(string cmdlet)
    {
        using var session = new PowerShellSession();
        var real = RealParameters(session, cmdlet);
        foreach (var parameter in Items(Value(Help(session, cmdlet), "parameters"), "parameter"))
        {
            var name = Text(parameter, "name");
            var metadata = real[name];
            var sets = metadata.ParameterSets.Values.ToList();
            var where = $"{cmdlet} -{name}";

            Assert.True(metadata.ParameterType.Name == Text(Value(parameter, "type"), "name"), $"{where}: type");
            Assert.True(sets.Any(s => s.IsMandatory).ToString().Equals(Text(parameter, "required"), StringComparison.OrdinalIgnoreCase),
                $"{where}: required is '{Text(parameter, "required")}'");

            var positions = sets.Select(s => s.Position).Distinct().ToList();
            var expectedPosition = positions.Count == 1 && positions[0] >= 0 ? positions[0].ToString() : "named";
            Assert.True(expectedPosition.Equals(Text(parameter, "position"), StringComparison.OrdinalIgnoreCase),
                $"{where}: position is '{Text(parameter, "position")}', the cmdlet says {expectedPosition}");

            var pipeline = Text(parameter, "pipelineInput");
            var byValue = sets.Any(s => s.ValueFromPipeline);
            var byProperty = sets.Any(s => s.ValueFromPipelineByPropertyName);
            Assert.True(byValue == pipeline.Contains("ByValue", StringComparison.OrdinalIgnoreCase), $"{where}: pipeline input '{pipeline}' (by value: {byValue})");
            Assert.True(byProperty == pipeline.Contains("ByPropertyName", StringComparison.OrdinalIgnoreCase), $"{where}: pipeline input '{pipeline}' (by property name: {byProperty})");
            Assert.True((byValue || byProperty) == pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase), $"{where}: pipeline input '{pipeline}'");

            var aliases = Text(parameter, "aliases").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(a => !a.Equals("none", StringComparison.OrdinalIgnoreCase)).OrderBy(a => a).ToArray();
            Assert.True(metadata.Aliases.OrderBy(a => a).SequenceEqual(aliases, StringComparer.OrdinalIgnoreCase),
                $"{where}: aliases '{string.Join(", ", aliases)}', the cmdlet has '{string.Join(", ", metadata.Aliases)}'");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Syntax_shows_each_parameter_set_with_its_parameters(string cmdlet)
    {
        using var session = new PowerShellSession();
        var info = Command(session, cmdlet);
        var syntax = Items(Value(Help(session, cmdlet), "syntax"), "syntaxItem")
            .Select(item => Items(item, "parameter").ToDictionary(p => Text(p, "name"), p => p, StringComparer.OrdinalIgnoreCase))
            .ToList();

        Assert.Equal(info.ParameterSets.Count, syntax.Count);
        foreach (var set in info.ParameterSets)
        {
            var parameters = set.Parameters.Where(p => !IsCommon(p.Name)).ToList();
            var names = parameters.Select(p => p.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            var match = syntax.SingleOrDefault(s => s.Keys.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).SequenceEqual(names, StringComparer.OrdinalIgnoreCase));
            Assert.True(match != null, $"{cmdlet}: no syntax shows the parameter set '{set.Name}' ({string.Join(", ", names)})");
            foreach (var parameter in parameters)
            {
                var shown = match[parameter.Name];
                var where = $"{cmdlet} set '{set.Name}' -{parameter.Name}";
                Assert.True(parameter.IsMandatory.ToString().Equals(Text(shown, "required"), StringComparison.OrdinalIgnoreCase),
                    $"{where}: required is '{Text(shown, "required")}'");
                var position = parameter.Position >= 0 ? parameter.Position.ToString() : "named";
                Assert.True(position.Equals(Text(shown, "position"), StringComparison.OrdinalIgnoreCase),
                    $"{where}: position is '{Text(shown, "position")}', the cmdlet says {position}");
                if (parameter.ParameterType != typeof(SwitchParameter))
                {
                    // Get-Help prints "-Name <Type>" from the syntax's parameterValue.
                    Assert.True(parameter.ParameterType.Name == Text(shown, "parameterValue"),
                        $"{where}: shown as <{Text(shown, "parameterValue")}>, the cmdlet takes {parameter.ParameterType.Name}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Get_Help_shows_at_least_three_examples_whose_code_parses_and_uses_the_cmdlet(string cmdlet)
    {
        using var session = new PowerShellSession();
        var examples = Items(Value(Help(session, cmdlet), "examples"), "example");
        Assert.True(examples.Count >= 3, $"{cmdlet}: {examples.Count} examples");
        foreach (var example in examples)
        {
            var title = Text(example, "title");
            var code = Text(example, "code");
            Assert.False(string.IsNullOrWhiteSpace(title), $"{cmdlet}: an example has no title");
            Assert.False(string.IsNullOrWhiteSpace(code), $"{cmdlet}: '{title}' has no code");
            Assert.NotEmpty(Paragraphs(Value(example, "remarks")));
            Assert.Contains(cmdlet, code, StringComparison.OrdinalIgnoreCase);
            Parser.ParseInput(code, out _, out var errors);
            Assert.True(errors.Length == 0, $"{cmdlet} '{title}': " + string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    [Fact]
    public void Examples_cover_the_workflows_users_need()
    {
        using var session = new PowerShellSession();
        string Code(string cmdlet) => string.Join("\n", Items(Value(Help(session, cmdlet), "examples"), "example").Select(e => Text(e, "code")));

        var set = Code("Set-BwPortOutPasscode");
        Assert.Contains("Import-Csv", set);
        Assert.Contains("-Path", set);
        Assert.Contains("-WhatIf", set);
        Assert.Contains("| Wait-BwTnOptionOrder", set);
        Assert.Contains("| Get-BwTnOptionOrder", set);
        Assert.Contains("Get-BwPortOutPasscode", set);
        Assert.Contains("Connect-BwAccount", set);

        var connect = Code("Connect-BwAccount") + string.Join("\n", Items(Value(Help(session, "Connect-BwAccount"), "examples"), "example")
            .SelectMany(e => Paragraphs(Value(e, "remarks"))));
        foreach (var variable in new[] { "BW_ACCOUNT_ID", "BW_CLIENT_ID", "BW_CLIENT_SECRET" }) Assert.Contains(variable, connect);

        Assert.Contains("-Force", Code("Remove-BwPortOutPasscode"));
        Assert.Contains("Where-Object", Code("Get-BwPortOutPasscode"));

        // The emulator's demo secrets are not examples' secrets.
        var file = File.ReadAllText(HelpFile);
        Assert.DoesNotContain("demo-password", file);
        Assert.DoesNotContain("demo-secret", file);
    }

    [Fact]
    public void The_committed_help_is_what_docs_help_and_the_cmdlets_say_now()
    {
        // The MAML is generated (tools/Build-Help.ps1): a cmdlet or docs/help change without regenerating it fails here.
        using var session = new PowerShellSession(importModule: false);
        var script = Path.Combine(RepoPaths.Root, "tools", "Build-Help.ps1");
        var result = session.Run("& $args[0] -Check -ModuleManifest $args[1]; $LASTEXITCODE", script, RepoPaths.ModuleManifest);
        Assert.True(result.AllErrors.Count() == 0, string.Join("\n", result.AllErrors.Select(ScriptResult.Describe)));
        Assert.Equal("0", result.Output.Last().ToString());
        Assert.Contains(result.Output, o => o.ToString() == "The help is up to date.");
    }

    [Fact]
    public void About_topic_is_found_by_Get_Help_and_covers_the_workflow()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "en-US", "about_PortOutPasscode.help.txt")));
        using var session = new PowerShellSession();
        var result = session.Run("Get-Help about_PortOutPasscode").AssertNoErrors();
        var text = string.Join("\n", result.Output.Select(o => o.BaseObject.ToString()));
        Assert.Contains("about_PortOutPasscode", text);
        foreach (var expected in new[]
                 {
                     "SHORT DESCRIPTION", "LONG DESCRIPTION", "Set-BwPortOutPasscode", "Get-BwPortOutPasscode",
                     "Remove-BwPortOutPasscode", "BW_CLIENT_ID", "BW_CLIENT_SECRET", "BW_USERNAME", "BW_PASSWORD",
                     "BW_ACCOUNT_ID", "BW_API_BASE_URI", "-BatchSize", "-ThrottleLimit", "-NoWait", "emulator",
                     "exactly one", "Test-BwPortOutProtection", "Sync-BwPortOutPasscode", "coverage", "EXCEPTION",
                     "7610", "2026-12-02", "X-RateLimit-Reset", "SEE ALSO",
                 })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void About_topic_lines_fit_an_80_column_console()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "module", "en-US", "about_PortOutPasscode.help.txt"));
        Assert.All(lines.Select((l, i) => (Line: l, Number: i + 1)), l => Assert.True(l.Line.Length <= 80, $"line {l.Number} has {l.Line.Length} characters"));
    }

    // ------------------------------------------------------------------ helpers

    internal static PSObject Help(PowerShellSession session, string cmdlet)
    {
        var result = session.Run("Get-Help -Name $args[0] -Full", cmdlet).AssertNoErrors();
        var help = Assert.Single(result.Output);
        Assert.True(help.TypeNames.Any(t => t.Contains("MamlCommandHelpInfo")),
            $"{cmdlet}: Get-Help did not find the MAML help ({string.Join(", ", help.TypeNames)})");
        return help;
    }

    private static CmdletInfo Command(PowerShellSession session, string cmdlet) =>
        (CmdletInfo)Assert.Single(session.Run("Get-Command -Name $args[0] -Module PortOutPasscode", cmdlet).AssertNoErrors().Output).BaseObject;

    /// <summary>The cmdlet's own parameters: (Get-Command).Parameters without the common ones (WhatIf and Confirm stay).</summary>
    private static Dictionary<string, ParameterMetadata> RealParameters(PowerShellSession session, string cmdlet) =>
        Command(session, cmdlet).Parameters.Values.Where(p => !IsCommon(p.Name))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    internal static object? Value(object? node, string? property)
    {
        if (node == null) return null;
        if (property == null) return node;
        var psObject = node as PSObject ?? PSObject.AsPSObject(node);
        return psObject.Properties[property]?.Value;
    }

    internal static string Text(object? node, string property)
    {
        var value = Value(node, property);
        return value switch
        {
            null => "",
            string s => s,
            PSObject p when p.BaseObject is string s => s,
            _ => string.Join("\n", Paragraphs(value)),
        };
    }

    /// <summary>The items of a help node's list property (a single item or an array of them).</summary>
    internal static List<object> Items(object? node, string property)
    {
        var value = Value(node, property);
        return value switch
        {
            null => new List<object>(),
            object[] array => array.Where(i => i != null).ToList(),
            PSObject { BaseObject: object[] array } => array.Where(i => i != null).ToList(),
            _ => new List<object> { value },
        };
    }

    /// <summary>The texts of help paragraphs: strings, or objects with a Text property, alone or in arrays.</summary>
    internal static List<string> Paragraphs(object? node)
    {
        var texts = new List<string>();
        void Add(object? item)
        {
            switch (item)
            {
                case null: return;
                case string s:
                    if (!string.IsNullOrWhiteSpace(s)) texts.Add(s.Trim());
                    return;
                case PSObject { BaseObject: string s }:
                    Add(s);
                    return;
                case PSObject { BaseObject: object[] array }:
                    foreach (var i in array) Add(i);
                    return;
                case object[] array:
                    foreach (var i in array) Add(i);
                    return;
                default:
                    Add(Value(item, "Text"));
                    return;
            }
        }
        Add(node);
        return texts;
    }
}
