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
        # The id every cmdlet gives a 401, so a script can tell it from the rest.
        { Connect-BwAccount -AccountId 9900000 -Credential $wrong -BaseUri $emulator.BaseUri } | Should -Throw -ErrorId 'BandwidthCredentialsRefused*'
        { Connect-BwAccount -AccountId 9900000 -Credential $wrong -BaseUri $emulator.BaseUri -SkipCheck; Get-BwPortOutPasscode } |
            Should -Throw -ErrorId 'BandwidthCredentialsRefused*'
    }

    It 'protects the sample file and accounts for every row' {
        $failed = $null
        $orders = @(Set-BwPortOutPasscode -Path $SampleCsv -ErrorVariable failed -ErrorAction SilentlyContinue)

        $orders.Count | Should -BeGreaterThan 0
        foreach ($order in $orders) {
            $order.ProcessingStatus | Should -BeIn @('COMPLETE', 'PARTIAL')
        }
        # Valid rows, each number once (2012000101 is listed twice with the same passcode).
        $sent = @($orders | ForEach-Object { $_.TelephoneNumbers }) | Sort-Object -Unique
        $expected = @(101..108 + 111..120 | ForEach-Object { "2012000$_" }) + '3125550000', '9195550001'
        ($sent -join ',') | Should -Be ($expected -join ',')
        # One outcome per number sent, the two Bandwidth refused among them.
        $outcomes = @($orders.Outcomes)
        $outcomes.Count | Should -Be 20
        (@($outcomes | Where-Object { "$($_.Outcome)" -eq 'Failed' } | ForEach-Object { "$($_.TelephoneNumber):$($_.Code)" }) | Sort-Object) -join ',' |
            Should -Be '3125550000:5076,9195550001:5196'

        # Every other row is exactly one error record. A -Path row comes back as where it is in the file (an
        # InputRowReference: TelephoneNumber, Path, Line), never as its text, which may hold the passcode.
        foreach ($record in $failed) {
            $record.TargetObject | Should -BeOfType ([PortOutPasscode.InputRowReference])
            $record.TargetObject.Path | Should -Be (Resolve-Path -LiteralPath $SampleCsv).ProviderPath
        }
        $byId = @{}
        foreach ($record in $failed) {
            $id = $record.FullyQualifiedErrorId.Split(',')[0]
            if (-not $byId.ContainsKey($id)) {
                $byId[$id] = New-Object -TypeName 'System.Collections.Generic.List[string]'
            }
            $byId[$id].Add("$($record.TargetObject.Line):$($record.TargetObject.TelephoneNumber)")
        }
        function Targets([string[]] $ErrorIds) {
            (@($ErrorIds | Where-Object { $byId.ContainsKey($_) } | ForEach-Object { $byId[$_] }) | Sort-Object) -join ','
        }
        # Line 14 is '555-0100', not a number: it is not repeated.
        Targets 'InvalidTelephoneNumber' | Should -Be '14:'
        # 'abc' is too short; the last row's passcode cell is empty.
        Targets 'InvalidPasscode', 'PasscodeMissing' | Should -Be '15:2012000109,16:2012000110'
        Targets 'PasscodeConflict' | Should -Be '11:2012000104'
        # Sent, and refused by Bandwidth: the ErrorId names the code (not on this account, off-net).
        Targets 'BandwidthError5076' | Should -Be '13:3125550000'
        Targets 'BandwidthError5196' | Should -Be '12:9195550001'
        $failed | Where-Object { $_.FullyQualifiedErrorId -like 'BandwidthError5*' } | ForEach-Object {
            $_.Exception | Should -BeOfType ([PortOutPasscode.TelephoneNumberException])
            $_.Exception.OrderId | Should -BeIn $orders.OrderId
        }
        @($failed).Count | Should -Be 6

        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $stored.'2012000101' | Should -BeExactly 'a1b2c3'
        $stored.'2012000104' | Should -BeExactly 'Zx9Qw2'
        $stored.'2012000107' | Should -BeExactly '7731'
    }

    It 'audits the file afterwards: passcodes as SecureString unless -AsPlainText, and no character of one in the table' {
        $null = Set-BwPortOutPasscode -Path $SampleCsv -ErrorAction SilentlyContinue
        $info = @(Get-BwPortOutPasscode -Path $SampleCsv -ErrorAction SilentlyContinue)

        ($info | Where-Object { $_.TelephoneNumber -eq '2012000101' }).Passcode | Should -BeOfType ([securestring])
        ($info | Where-Object { $_.TelephoneNumber -eq '2012000105' }).HasPasscode | Should -BeTrue
        ($info | Where-Object { $_.TelephoneNumber -eq '2012000109' }).HasPasscode | Should -BeFalse
        ($info | Where-Object { $_.TelephoneNumber -eq '2012000109' }).Passcode | Should -BeNullOrEmpty
        (Get-BwPortOutPasscode -TelephoneNumber 2012000101 -AsPlainText).Passcode | Should -BeExactly 'a1b2c3'

        $table = $info | Format-Table | Out-String
        $table | Should -Match '2012000101\s+True\s+\*\*\*\*'
        $table | Should -Not -Match 'a1b2c3|a1\*|Zx9'
        (Get-BwPortOutPasscode -TelephoneNumber 2012000101 -AsPlainText | Format-Table | Out-String) | Should -Not -Match 'a1b2c3|a1\*'
    }

    It 'lets a port-out through only with the right PIN' {
        $null = '2012000101' | Set-BwPortOutPasscode -Passcode a1b2c3

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
        $orders = @($rows | Set-BwPortOutPasscode)

        $orders.Count | Should -BeGreaterThan 0
        $stored = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        $stored.'2012000401' | Should -BeExactly 'Pin401x'
        $stored.'2012000402' | Should -BeExactly 'Pin402x'
        $stored.'2012000403' | Should -BeExactly 'Pin403x'
    }

    It 'waits by default; -NoWait returns at acceptance and says once how to follow, with Wait-BwTnOptionOrder' {
        $waited = @('2012000211' | Set-BwPortOutPasscode -Passcode a1b2c3 -WarningVariable said)
        $waited[0].ProcessingStatus | Should -Be 'COMPLETE'
        "$($waited[0].Outcomes[0].Outcome)" | Should -Be 'Protected'
        @($said).Count | Should -Be 0

        $accepted = @('2012000201', '2012000202' | Set-BwPortOutPasscode -Passcode a1b2c3 -BatchSize 1 -NoWait -WarningVariable said -WarningAction SilentlyContinue)
        $accepted.Count | Should -Be 2
        @($said).Count | Should -Be 1
        "$said" | Should -Match 'Wait-BwTnOptionOrder'
        @($accepted.Outcomes | ForEach-Object { "$($_.Outcome)" }) -join ',' | Should -Be 'Pending,Pending'

        $final = @($accepted | Wait-BwTnOptionOrder)
        $final.Count | Should -Be 2
        foreach ($order in $final) {
            $order.ProcessingStatus | Should -Be 'COMPLETE'
            "$($order.Outcomes[0].Outcome)" | Should -Be 'Protected'
        }
        # -Wait, the 0.1 way to ask for this, still runs.
        (@('2012000212' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait))[0].ProcessingStatus | Should -Be 'COMPLETE'
    }

    It 'runs the same job twice: the second run succeeds, every number already protected' {
        $null = '2012000221', '2012000222' | Set-BwPortOutPasscode -Passcode a1b2c3
        $again = @('2012000221', '2012000222' | Set-BwPortOutPasscode -Passcode a1b2c3 -ErrorVariable failed)
        $ok = $?

        $ok | Should -BeTrue
        @($failed).Count | Should -Be 0
        @($again.Outcomes | ForEach-Object { "$($_.Outcome)" }) -join ',' | Should -Be 'AlreadyProtected,AlreadyProtected'
    }

    It 'reads orders piped to Get-BwTnOptionOrder, and their history' {
        $submitted = @('2012000301' | Set-BwPortOutPasscode -Passcode a1b2c3 -CustomerOrderId 'pester-run' -NoWait -WarningAction SilentlyContinue)
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
        $null = '2012000501', '2012000502' | Set-BwPortOutPasscode -Passcode a1b2c3
        $removed = @('2012000501', '2012000502' | Remove-BwPortOutPasscode -Force)

        $removed.Count | Should -BeGreaterThan 0
        @($removed.Outcomes | ForEach-Object { "$($_.Outcome)" }) -join ',' | Should -Be 'Removed,Removed'
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
            $order = '2012000801' | Set-BwPortOutPasscode -Passcode a1b2c3
            $order.ProcessingStatus | Should -Be 'COMPLETE'
        }
        finally {
            Clear-BwEnvironment
        }
    }
}
