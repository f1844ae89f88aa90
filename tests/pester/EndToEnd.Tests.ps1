#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The whole story against the project's Bandwidth emulator: protect the sample file, audit it, watch a port-out
# fail with the wrong PIN and pass with the right one, then remove the protection. The emulator is started the
# way a user starts it, as a process of its own on a free port (tools/EmulatorProcess.ps1).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    $suite = Enter-EmulatorSuite
    $emulator = $suite.Emulator
}

AfterAll {
    Exit-EmulatorSuite $suite
}

Describe 'PortOutPasscode against the emulator' {
    BeforeEach {
        Reset-BwEmulator $emulator
        Connect-BwAccount -AccountId 9900000 -Credential $DemoApiUser -BaseUri $emulator.BaseUri
    }

    It 'refuses a wrong password when connecting' {
        $wrong = New-TestCredential 'demo' 'not-the-password'
        { Connect-BwAccount -AccountId 9900000 -Credential $wrong -BaseUri $emulator.BaseUri } | Should -Throw -ErrorId 'ConnectionCheckFailed*'
    }

    It 'protects the sample file and accounts for every row' {
        $failed = $null
        $orders = @(Set-BwPortOutPasscode -Path $SampleCsv -Wait -ErrorVariable failed -ErrorAction SilentlyContinue)

        $orders.Count | Should -BeGreaterThan 0
        foreach ($order in $orders) {
            $order.ProcessingStatus | Should -BeIn @('COMPLETE', 'PARTIAL')
        }
        # Valid rows, each number once (2012000101 is listed twice with the same passcode).
        $sent = @($orders | ForEach-Object { $_.TelephoneNumbers }) | Sort-Object -Unique
        ($sent -join ',') | Should -Be '2012000101,2012000102,2012000103,2012000104,2012000105,2012000106,2012000107,2012000108,3125550000,9195550001'

        # Every other row is exactly one error record, with the number as its target.
        $byId = @{}
        foreach ($record in $failed) {
            $id = $record.FullyQualifiedErrorId.Split(',')[0]
            if (-not $byId.ContainsKey($id)) {
                $byId[$id] = New-Object -TypeName 'System.Collections.Generic.List[string]'
            }
            $byId[$id].Add("$($record.TargetObject)")
        }
        function Targets([string[]] $ErrorIds) {
            (@($ErrorIds | Where-Object { $byId.ContainsKey($_) } | ForEach-Object { $byId[$_] }) | Sort-Object) -join ','
        }
        Targets 'InvalidTelephoneNumber' | Should -Be '555-0100'
        # 'abc' is too short; the last row's passcode cell is empty.
        Targets 'InvalidPasscode', 'PasscodeMissing' | Should -Be '2012000109,2012000110'
        Targets 'PasscodeConflict' | Should -Be '2012000104'
        # Sent, and refused by Bandwidth: 5076 (not on this account) and 5196 (off-net).
        Targets 'TelephoneNumberFailed' | Should -Be '3125550000,9195550001'
        @($failed).Count | Should -Be 6

        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $stored.'2012000101' | Should -BeExactly 'a1b2c3'
        $stored.'2012000104' | Should -BeExactly 'Zx9Qw2'
        $stored.'2012000107' | Should -BeExactly '7731'
    }

    It 'audits the file afterwards, with the passcodes masked in the table view' {
        $null = Set-BwPortOutPasscode -Path $SampleCsv -Wait -ErrorAction SilentlyContinue
        $info = @(Get-BwPortOutPasscode -Path $SampleCsv -ErrorAction SilentlyContinue)

        ($info | Where-Object { $_.TelephoneNumber -eq '2012000101' }).Passcode | Should -BeExactly 'a1b2c3'
        ($info | Where-Object { $_.TelephoneNumber -eq '2012000105' }).HasPasscode | Should -BeTrue
        ($info | Where-Object { $_.TelephoneNumber -eq '2012000109' }).HasPasscode | Should -BeFalse

        $table = $info | Format-Table | Out-String
        $table | Should -Match 'a1\*\*\*\*'
        $table | Should -Not -Match 'a1b2c3'
    }

    It 'lets a port-out through only with the right PIN' {
        $null = '2012000101' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait

        $wrong = Invoke-BwPortOut $emulator '2012000101' 'wrong1'
        $wrong.Status | Should -Be 409
        "$($wrong.Body.errorCode)" | Should -Be '7610'

        $right = Invoke-BwPortOut $emulator '2012000101' 'a1b2c3'
        $right.Status | Should -Be 200
        $right.Body.status | Should -Be 'ACCEPTED'
    }

    It 'sends nothing with -WhatIf' {
        $null = Set-BwPortOutPasscode -Path $SampleCsv -WhatIf -ErrorAction SilentlyContinue
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders').Count | Should -Be 0
    }

    It 'binds Import-Csv-shaped rows with per-row passcodes by property name' {
        $rows = @(
            [pscustomobject]@{ Tn = '+1 (201) 200-0401'; Pin = 'Pin401x' }
            [pscustomobject]@{ PhoneNumber = '201.200.0402'; PortOutPasscode = 'Pin402x' }
            [pscustomobject]@{ TelephoneNumber = '12012000403'; Passcode = 'Pin403x' }
        )
        $orders = @($rows | Set-BwPortOutPasscode -Wait)

        $orders.Count | Should -BeGreaterThan 0
        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $stored.'2012000401' | Should -BeExactly 'Pin401x'
        $stored.'2012000402' | Should -BeExactly 'Pin402x'
        $stored.'2012000403' | Should -BeExactly 'Pin403x'
    }

    It 'waits for orders piped to Wait-BwTnOptionOrder' {
        $final = @('2012000201', '2012000202' | Set-BwPortOutPasscode -Passcode a1b2c3 | Wait-BwTnOptionOrder)

        $final.Count | Should -BeGreaterThan 0
        foreach ($order in $final) {
            $order.ProcessingStatus | Should -Be 'COMPLETE'
        }
    }

    It 'reads orders piped to Get-BwTnOptionOrder, and their history' {
        $submitted = @('2012000301' | Set-BwPortOutPasscode -Passcode a1b2c3 -CustomerOrderId 'pester-run')
        $read = @($submitted | Get-BwTnOptionOrder)

        ($read.OrderId -join ',') | Should -Be ($submitted.OrderId -join ',')
        $read[0].CustomerOrderId | Should -Be 'pester-run-1'

        $null = $submitted | Wait-BwTnOptionOrder
        $history = @($submitted | Get-BwTnOptionOrderHistory)
        $history.Count | Should -BeGreaterThan 0
        $history[0].OrderId | Should -Be $submitted[0].OrderId

        @(Get-BwTnOptionOrder -CustomerOrderId 'pester-run-1').OrderId | Should -Contain $submitted[0].OrderId
    }

    It 'removes the passcodes again' {
        $null = '2012000501', '2012000502' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait
        $removed = @('2012000501', '2012000502' | Remove-BwPortOutPasscode -Force -Wait)

        $removed.Count | Should -BeGreaterThan 0
        foreach ($info in Get-BwPortOutPasscode -TelephoneNumber 2012000501, 2012000502) {
            $info.HasPasscode | Should -BeFalse
        }
        (Invoke-BwPortOut $emulator '2012000501' 'any-pin').Status | Should -Be 200
    }

    It 'runs unattended from BW_* environment variables' {
        try {
            $env:BW_ACCOUNT_ID = '9900000'
            # The emulator's documented demo OAuth2 client: not a secret.
            $env:BW_CLIENT_ID = 'demo-client'
            $env:BW_CLIENT_SECRET = 'demo-secret'
            $env:BW_API_BASE_URI = "$($emulator.BaseUri)"
            Disconnect-BwAccount

            Connect-BwAccount
            "$((Get-BwConnection).AuthenticationKind)" | Should -Be 'OAuth2ClientCredentials'
            $order = '2012000801' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait
            $order.ProcessingStatus | Should -Be 'COMPLETE'
        }
        finally {
            Clear-BwEnvironment
        }
    }
}
