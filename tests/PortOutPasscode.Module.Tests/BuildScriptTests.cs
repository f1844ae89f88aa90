using System.Management.Automation.Language;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// build.ps1, its helpers in tools/, the Pester suites and the demo run in real pwsh here (build.ps1 -Task Test,
/// -Task Demo), but also on Windows PowerShell 5.1, which cannot run here: what 5.1 needs of them is checked
/// statically, and build.ps1 must keep its public parameters.
/// </summary>
public class BuildScriptTests
{
    private static string BuildScript => Path.Combine(RepoPaths.Root, "build.ps1");

    /// <summary>Automatic variables PowerShell 6 introduced: undefined on 5.1, an error there under Set-StrictMode.</summary>
    private static readonly string[] CoreOnlyVariables = { "IsWindows", "IsLinux", "IsMacOS", "IsCoreCLR" };

    public static TheoryData<string> ScriptsThatRunOnWindowsPowerShell()
    {
        var data = new TheoryData<string> { "build.ps1" };
        foreach (var folder in new[] { Path.Combine("tests", "pester"), "tools", "samples" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.ps1").OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(RepoPaths.Root, file));
            }
        }
        return data;
    }

    private static ScriptBlockAst Parse(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out _, out var errors);
        Assert.Empty(errors);
        return ast;
    }

    private static void AssertNone(string relativePath, string what, IEnumerable<Ast> found)
    {
        var lines = found.Select(a => $"line {a.Extent.StartLineNumber}: {a.Extent.Text}").ToList();
        Assert.True(lines.Count == 0, $"{relativePath} uses {what}: " + string.Join("; ", lines));
    }

    [Theory]
    [MemberData(nameof(ScriptsThatRunOnWindowsPowerShell))]
    public void Script_uses_only_syntax_Windows_PowerShell_5_1_parses(string relativePath)
    {
        var ast = Parse(relativePath);
        AssertNone(relativePath, "PowerShell 7 syntax", ast.FindAll(a => a is TernaryExpressionAst || a is PipelineChainAst
                                     || (a is BinaryExpressionAst b && b.Operator == TokenKind.QuestionQuestion)
                                     || (a is AssignmentStatementAst s && s.Operator == TokenKind.QuestionQuestionEquals)
                                     || (a is MemberExpressionAst m && m.NullConditional)
                                     || (a is IndexExpressionAst i && i.NullConditional), true));
    }

    [Theory]
    [MemberData(nameof(ScriptsThatRunOnWindowsPowerShell))]
    public void Script_uses_nothing_that_Windows_PowerShell_5_1_lacks(string relativePath)
    {
        var ast = Parse(relativePath);
        AssertNone(relativePath, "a variable 5.1 does not define", ast.FindAll(a =>
            a is VariableExpressionAst v && CoreOnlyVariables.Contains(v.VariablePath.UserPath, StringComparer.OrdinalIgnoreCase), true));
        // Join-Path takes a third path (-AdditionalChildPath) only from PowerShell 6.
        AssertNone(relativePath, "Join-Path with more than two paths", ast.FindAll(a =>
            a is CommandAst c && string.Equals(c.GetCommandName(), "Join-Path", StringComparison.OrdinalIgnoreCase)
            && c.CommandElements.Skip(1).Count(e => e is not CommandParameterAst) > 2, true));
        AssertNone(relativePath, "a parameter 5.1 lacks", ast.FindAll(a =>
            a is CommandParameterAst p && new[] { "Parallel", "SkipHttpErrorCheck", "AsHashtable", "StatusCodeVariable" }
                .Contains(p.ParameterName, StringComparer.OrdinalIgnoreCase), true));
    }

    [Theory]
    [MemberData(nameof(ScriptsThatRunOnWindowsPowerShell))]
    public void Script_starts_child_shells_only_through_ChildShell_ps1(string relativePath)
    {
        // The process path is dotnet under the PowerShell .NET tool: a child shell must come from $PSHOME.
        var ast = Parse(relativePath);
        AssertNone(relativePath, "the process path as a shell", ast.FindAll(a =>
            a is MemberExpressionAst m && m.Member is StringConstantExpressionAst { Value: "Path" }
            && m.Expression.Extent.Text.Contains("Get-Process", StringComparison.OrdinalIgnoreCase), true));
        AssertNone(relativePath, "pwsh or powershell.exe by name", ast.FindAll(a =>
            a is CommandAst c && c.GetCommandName() is { } name
            && new[] { "pwsh", "pwsh.exe", "powershell", "powershell.exe" }.Contains(name, StringComparer.OrdinalIgnoreCase), true));
    }

    [Fact]
    public void Child_shells_come_from_PSHOME_and_write_text()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "ChildShell.ps1"));
        Assert.Contains("$PSHOME", text);
        Assert.Contains("'-OutputFormat', 'Text'", text);
        Assert.Contains("-NoProfile", text);
    }

    [Fact]
    public void Pester_suites_exist_for_what_a_user_does()
    {
        var suites = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "pester"), "*.Tests.ps1").Select(Path.GetFileName).ToList();
        foreach (var expected in new[] { "Module", "Connection", "EndToEnd", "Headline", "Remove", "Faults", "Gallery", "Demo" })
        {
            Assert.Contains(expected + ".Tests.ps1", suites);
        }
        foreach (var suite in suites)
        {
            var ast = Parse(Path.Combine("tests", "pester", suite!));
            Assert.True(ast.Find(a => a is CommandAst c && c.GetCommandName() == "Describe", true) != null, $"{suite} has no Describe block");
        }
    }

    [Fact]
    public void Build_script_takes_Task_Build_Test_Package_Demo_Clean_defaulting_to_Build_and_a_Configuration()
    {
        var ast = Parse("build.ps1");
        var parameters = ast.ParamBlock!.Parameters.ToDictionary(p => p.Name.VariablePath.UserPath, StringComparer.OrdinalIgnoreCase);

        var task = parameters["Task"];
        var validateSet = task.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet");
        var values = validateSet.PositionalArguments.OfType<StringConstantExpressionAst>().Select(s => s.Value).OrderBy(v => v, StringComparer.Ordinal);
        Assert.Equal(new[] { "Build", "Clean", "Demo", "Package", "Test" }, values);
        Assert.Contains("Build", task.DefaultValue!.Extent.Text);
        Assert.Equal(typeof(string[]), task.StaticType);
        Assert.True(parameters.ContainsKey("Configuration"));

        var text = File.ReadAllText(BuildScript);
        Assert.Contains("Set-StrictMode", text);
        Assert.Contains("$ErrorActionPreference = 'Stop'", text);
        Assert.Contains("exit $code", text);
    }

    [Fact]
    public void The_PowerShell_tool_and_Pester_are_pinned_to_exact_versions()
    {
        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json")));
        var tool = manifest.RootElement.GetProperty("tools").GetProperty("powershell");
        Assert.Equal("7.6.9", tool.GetProperty("version").GetString());
        Assert.Contains("pwsh", tool.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));

        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "tools", "PesterDownload", "PesterDownload.csproj"));
        var version = project.Descendants("PesterVersion").Single().Value;
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.Equal("[$(PesterVersion)]", project.Descendants("PackageDownload").Single().Attribute("Version")!.Value);
    }
}
