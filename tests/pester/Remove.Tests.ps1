#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Remove-BwPortOutPasscode asks before it takes protection off (ConfirmImpact High). The prompt is answered
# for real, in a fresh interactive PowerShell whose keyboard is this test; -Confirm:$false and -Force skip it.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    $suite = Enter-EmulatorSuite
    $emulator = $suite.Emulator

    function Get-StoredPasscode {
        Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
    }

    function Get-StoredOrder {
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders')
    }

    # Runs a command line in a fresh PowerShell connected to the emulator, typing -Keys at its prompts.
    function Invoke-Prompted([string] $Command, [string] $Keys) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name $(ConvertTo-PowerShellLiteral $ModuleManifest)
Connect-BwAccount
$Command
"@
        $environment = Get-BwEmulatorEnvironment $emulator
        Invoke-ChildShell -Script $script -Environment $environment -InputText $Keys -Capture -TimeoutSec 120
    }
}

AfterAll {
    Exit-EmulatorSuite $suite
}

Describe 'Remove-BwPortOutPasscode' {
    BeforeEach {
        Reset-BwEmulator $emulator
        Connect-BwAccount -AccountId 9900000 -ClientCredential $DemoClient -BaseUri $emulator.BaseUri
        $null = '2012000701', '2012000702' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait
        (Get-StoredPasscode).'2012000701' | Should -BeExactly 'a1b2c3'
        $setOrders = (Get-StoredOrder).Count
    }

    It 'asks first, and answered No, sends nothing' {
        $run = Invoke-Prompted "'2012000701', '2012000702' | Remove-BwPortOutPasscode -Wait" "N`n"

        $run.Output | Should -Match 'Are you sure you want to perform this action\?'
        $run.Output | Should -Match 'Remove port-out passcode'
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        (Get-StoredOrder).Count | Should -Be $setOrders
        (Get-StoredPasscode).'2012000701' | Should -BeExactly 'a1b2c3'
    }

    It 'asks first, and answered Yes, removes the passcodes' {
        $run = Invoke-Prompted "'2012000701', '2012000702' | Remove-BwPortOutPasscode -Wait | Format-Table OrderId, ProcessingStatus" "Y`n"

        $run.Output | Should -Match 'Are you sure you want to perform this action\?'
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Match 'COMPLETE'
        $stored = Get-StoredPasscode
        $stored.'2012000701' | Should -BeNullOrEmpty
        $stored.'2012000702' | Should -BeNullOrEmpty
    }

    It 'removes without asking with -Confirm:$false' {
        $removed = @('2012000701', '2012000702' | Remove-BwPortOutPasscode -Confirm:$false -Wait)

        $removed.Count | Should -Be 1
        $removed[0].ProcessingStatus | Should -Be 'COMPLETE'
        @((Get-StoredPasscode).PSObject.Properties).Count | Should -Be 0
    }

    It 'removes without asking with -Force, and a port-out then needs no PIN' {
        $null = '2012000701' | Remove-BwPortOutPasscode -Force -Wait

        (Get-StoredPasscode).'2012000701' | Should -BeNullOrEmpty
        (Get-StoredPasscode).'2012000702' | Should -BeExactly 'a1b2c3'
        (Invoke-BwPortOut $emulator '2012000701' 'any-pin').Status | Should -Be 200
        (Invoke-BwPortOut $emulator '2012000702' 'any-pin').Status | Should -Be 409
    }

    It 'sends nothing with -WhatIf, even with -Force' {
        $null = '2012000701' | Remove-BwPortOutPasscode -Force -WhatIf

        (Get-StoredOrder).Count | Should -Be $setOrders
        (Get-StoredPasscode).'2012000701' | Should -BeExactly 'a1b2c3'
    }
}
