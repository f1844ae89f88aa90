using System.Management.Automation.Language;
using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// build.ps1 and the Pester suites cannot run here (no pwsh), but CI runs them on Windows PowerShell 5.1 as well
/// as PowerShell 7: they must use only syntax 5.1 parses, and build.ps1 must keep its public parameters.
/// </summary>
public class BuildScriptTests
{
    private static string BuildScript => Path.Combine(RepoPaths.Root, "build.ps1");

    public static TheoryData<string> ScriptsThatRunOnWindowsPowerShell()
    {
        var data = new TheoryData<string> { "build.ps1" };
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "pester"), "*.ps1").OrderBy(f => f))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScriptsThatRunOnWindowsPowerShell))]
    public void Script_uses_only_syntax_Windows_PowerShell_5_1_parses(string relativePath)
    {
        var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out _, out var errors);
        Assert.Empty(errors);
        var newer = ast.FindAll(a => a is TernaryExpressionAst || a is PipelineChainAst
                                     || (a is BinaryExpressionAst b && b.Operator == TokenKind.QuestionQuestion)
                                     || (a is AssignmentStatementAst s && s.Operator == TokenKind.QuestionQuestionEquals)
                                     || (a is MemberExpressionAst m && m.NullConditional)
                                     || (a is IndexExpressionAst i && i.NullConditional), true)
            .Select(a => $"line {a.Extent.StartLineNumber}: {a.Extent.Text}").ToList();
        Assert.True(newer.Count == 0, $"{relativePath} uses PowerShell 7 syntax: " + string.Join("; ", newer));
    }

    [Fact]
    public void Pester_suites_exist_for_the_manifest_the_connection_and_the_emulator()
    {
        var suites = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "pester"), "*.Tests.ps1").Select(Path.GetFileName).ToList();
        Assert.Contains("Module.Tests.ps1", suites);
        Assert.Contains("Connection.Tests.ps1", suites);
        Assert.Contains("EndToEnd.Tests.ps1", suites);
        foreach (var suite in suites)
        {
            var ast = Parser.ParseFile(Path.Combine(RepoPaths.Root, "tests", "pester", suite!), out _, out _);
            Assert.True(ast.Find(a => a is CommandAst c && c.GetCommandName() == "Describe", true) != null, $"{suite} has no Describe block");
        }
    }

    [Fact]
    public void Build_script_takes_Task_Build_Test_Package_Clean_defaulting_to_Build_and_a_Configuration()
    {
        var ast = Parser.ParseFile(BuildScript, out _, out var errors);
        Assert.Empty(errors);
        var parameters = ast.ParamBlock!.Parameters.ToDictionary(p => p.Name.VariablePath.UserPath, StringComparer.OrdinalIgnoreCase);

        var task = parameters["Task"];
        var validateSet = task.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet");
        var values = validateSet.PositionalArguments.OfType<StringConstantExpressionAst>().Select(s => s.Value).OrderBy(v => v);
        Assert.Equal(new[] { "Build", "Clean", "Package", "Test" }, values);
        Assert.Contains("Build", task.DefaultValue!.Extent.Text);
        Assert.Equal(typeof(string[]), task.StaticType);
        Assert.True(parameters.ContainsKey("Configuration"));

        var text = File.ReadAllText(BuildScript);
        Assert.Contains("Set-StrictMode", text);
        Assert.Contains("$ErrorActionPreference = 'Stop'", text);
        Assert.Contains("exit $code", text);
    }
}
