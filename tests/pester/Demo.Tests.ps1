#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# samples/demo.ps1, the README's main job, run as build.ps1 -Task Demo runs it: in a fresh PowerShell that
# finds the module by name and connects from BW_* variables (OAuth2), against an emulator process.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    $emulator = Start-BwEmulator
    Reset-BwEmulator $emulator
    $environment = (Get-BwEmulatorEnvironment $emulator) + @{
        PSModulePath = [System.IO.Path]::Combine($RepoRoot, 'out') + [System.IO.Path]::PathSeparator + $env:PSModulePath
    }
    $demo = Invoke-ChildShell -Script "& $(ConvertTo-PowerShellLiteral ([System.IO.Path]::Combine($RepoRoot, 'samples', 'demo.ps1')))" `
        -Environment $environment -Capture -TimeoutSec 300
    $text = $demo.Output + $demo.Errors
}

AfterAll {
    Stop-BwEmulator $emulator
}

Describe 'samples/demo.ps1' {
    It 'runs to the end' {
        $demo.ExitCode | Should -Be 0 -Because $text
        $demo.Errors | Should -BeNullOrEmpty
    }

    It 'protects the good rows of samples/tns.csv with the passcode of each row' {
        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $expected = [ordered]@{
            '2012000101' = 'a1b2c3'; '2012000102' = 'a1b2c3'; '2012000103' = 'a1b2c3'; '2012000104' = 'Zx9Qw2'
            '2012000105' = 'Zx9Qw2'; '2012000106' = 'Zx9Qw2'; '2012000107' = '7731'; '2012000108' = '7731'
        }
        foreach ($number in $expected.Keys) {
            $stored.$number | Should -BeExactly $expected[$number]
        }
        @($stored.PSObject.Properties).Count | Should -Be $expected.Count
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders').Count | Should -Be 1
    }

    It 'names every row it could not protect, and why' {
        foreach ($reason in 'Row 10: 2012000104 was already given in row 4', "Row 13: '555-0100' is not a valid",
            'Row 14 (2012000109): the passcode has 3 characters', 'Row 15 (2012000110): no passcode',
            '9195550001: Bandwidth error 5196', '3125550000: Bandwidth error 5076') {
            $demo.Output | Should -Match ([regex]::Escape($reason))
        }
    }

    It 'audits the file, and never prints a passcode or the client secret' {
        $demo.Output | Should -Match '(?m)^2012000101\s+True\b'
        $demo.Output | Should -Match '(?m)^2012000110\s+False\b'
        foreach ($secret in 'a1b2c3', 'Zx9Qw2', 'demo-secret') {
            $text | Should -Not -Match $secret
        }
    }

    It 'shows the port-out refused with the wrong PIN (7610) and accepted with the right one' {
        $demo.Output | Should -Match 'Port-out with a wrong PIN: HTTP 409 .*"errorCode":7610'
        $demo.Output | Should -Match 'Port-out with the right PIN: HTTP 200 .*"ACCEPTED"'
        $attempts = @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/portouts')
        # A wrong PIN holds the port-out in EXCEPTION (409, 7610) until the carrier comes back with the right one.
        ($attempts | ForEach-Object { $_.status }) -join ',' | Should -Be 'EXCEPTION,ACCEPTED'
        "$($attempts[0].errorCode)" | Should -Be '7610'
    }
}
