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

    It 'protects the good rows of samples/tns.csv with the passcode of each row, then the rest of area code 201 with one fresh PIN' {
        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $expected = [ordered]@{
            '2012000101' = 'a1b2c3'; '2012000102' = 'a1b2c3'; '2012000103' = 'a1b2c3'; '2012000104' = 'Zx9Qw2'
            '2012000105' = 'Zx9Qw2'; '2012000106' = 'Zx9Qw2'; '2012000107' = '7731'; '2012000108' = '7731'
        }
        111..115 | ForEach-Object { $expected["2012000$_"] = 'Q4t8m2' }
        116..120 | ForEach-Object { $expected["2012000$_"] = 'P9v3k7' }
        foreach ($number in $expected.Keys) {
            $stored.$number | Should -BeExactly $expected[$number]
        }
        $fresh = @('2012000109', '2012000110', '2012000121', '2012000122', '2012000123', '2012000124', '2012000125' | ForEach-Object { $stored.$_ })
        $fresh | Should -HaveCount 7
        @($fresh | Sort-Object -Unique) | Should -HaveCount 1
        $fresh[0] | Should -Match '^[0-9]{8}$'
        @($stored.PSObject.Properties).Count | Should -Be 25
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders').Count | Should -Be 2
    }

    It 'names every row it could not protect, and why' {
        foreach ($reason in 'Row 10: 2012000104 was already given in row 4', "Row 13: '555-0100' is not a valid",
            'Row 14 (2012000109): the passcode has 3 characters', 'Row 15 (2012000110): no passcode',
            '9195550001: Bandwidth error 5196', '3125550000: Bandwidth error 5076') {
            $demo.Output | Should -Match ([regex]::Escape($reason))
        }
    }

    It 'shows coverage of area code 201 going from 72% to 100%, and never prints a passcode or the client secret' {
        $demo.Output | Should -Match 'Test-BwPortOutProtection: 25 in service: 18 protected, 7 unprotected; coverage 72\.0%'
        $demo.Output | Should -Match '(?m)^2012000121\s+Unprotected\b'
        $demo.Output | Should -Match 'Coverage of area code 201: 72% before, 100% now\. Compliant: True'
        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        foreach ($secret in 'a1b2c3', 'Zx9Qw2', 'Q4t8m2', 'P9v3k7', $stored.'2012000121', 'demo-secret') {
            $text | Should -Not -Match $secret
        }
    }

    It 'shows the port-out with a wrong PIN held in EXCEPTION (7610) through Get-BwPortOut, then completed with the right one' {
        $demo.Output | Should -Match 'held, not done \(EXCEPTION\)'
        $demo.Output | Should -Match '(?m)^\S+\s+EXCEPTION\s+1\s+2012000101\s+7610\b'
        $demo.Output | Should -Match 'Resubmitted with the PIN the subscriber was given: COMPLETE'
        $demo.Output | Should -Match '(?m)^\S+\s+COMPLETE\s+1\s+2012000101\s'
        $attempts = @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/portouts')
        # A wrong PIN holds the port-out in EXCEPTION (409, 7610) until the carrier comes back with the right one.
        ($attempts | ForEach-Object { $_.status }) -join ',' | Should -Be 'EXCEPTION,ACCEPTED'
        "$($attempts[0].errorCode)" | Should -Be '7610'
    }
}
