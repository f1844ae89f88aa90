using PortOutPasscode.Module.Tests.Harness;

namespace PortOutPasscode.Module.Tests;

/// <summary>
/// Microsoft.Extensions.* version clashes between binary modules are the classic failure (PSRule, PnP.PowerShell).
/// These prove the module runs on its own copies whatever the session loaded first.
/// </summary>
public class IsolationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public IsolationTests(EmulatorFixture fixture) => _fixture = fixture;

    private const string DescribeLoadedCopies = @"
foreach ($name in 'Microsoft.Extensions.DependencyInjection.Abstractions', 'Microsoft.Extensions.Http', 'PortOutPasscode.Core', 'PortOutPasscode') {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name } | ForEach-Object {
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)
        '{0}|{1}|{2}' -f $name, $_.GetName().Version, ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)
    }
}";

    [Fact]
    public void An_older_DependencyInjection_Abstractions_loaded_first_does_not_break_the_module()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession(importModule: false);
        var result = session.Run(@"
$older = [System.Reflection.Assembly]::Load('Microsoft.Extensions.DependencyInjection.Abstractions')
'session loaded {0}' -f $older.GetName().Version
Import-Module $args[0] -ErrorAction Stop
" + Scripts.Credentials() + @"
Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri $args[1]
Get-BwPortOutPasscode -TelephoneNumber 2012000001
" + DescribeLoadedCopies, RepoPaths.ModuleManifest, emulator.BaseUri.ToString()).AssertNoErrors();

        Assert.Equal("session loaded 6.0.0.0", result.Output[0].BaseObject);
        var info = Assert.Single(result.Output, o => o.TypeNames[0] == "PortOutPasscode.PortOutPasscodeInfo");
        Assert.Equal("2012000001", info.Properties["TelephoneNumber"].Value);

        var copies = result.Output.Select(o => o.BaseObject).OfType<string>().Where(s => s.Contains('|')).ToList();
        Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions|6.0.0.0|True", copies);
        Assert.Contains(copies, c => c.StartsWith("Microsoft.Extensions.DependencyInjection.Abstractions|8.") && c.EndsWith("|False"));
        Assert.Contains(copies, c => c.StartsWith("Microsoft.Extensions.Http|8.") && c.EndsWith("|False"));
        Assert.Contains(copies, c => c.StartsWith("PortOutPasscode.Core|") && c.EndsWith("|False"));
        Assert.Contains(copies, c => c.StartsWith("PortOutPasscode|") && c.EndsWith("|True"));
    }

    [Fact]
    public void The_module_can_be_removed_and_imported_again_and_still_works()
    {
        var emulator = _fixture.Emulator;
        using var session = new PowerShellSession();
        var result = session.Run(Scripts.Credentials() + @"
Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri $args[1]
Remove-Module PortOutPasscode
Import-Module $args[0] -Force -ErrorAction Stop
Connect-BwAccount -AccountId 9900000 -Credential $cred -BaseUri $args[1]
Get-BwPortOutPasscode -TelephoneNumber 2012000002
", RepoPaths.ModuleManifest, emulator.BaseUri.ToString()).AssertNoErrors();
        Assert.Equal("2012000002", Assert.Single(result.Output).Properties["TelephoneNumber"].Value);
    }
}
