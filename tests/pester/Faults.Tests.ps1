#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A bad night at the API, switched on through the emulator's admin API (docs/EMULATOR-ADMIN.md): throttling,
# an answer lost after the order was stored, and an outage longer than the retries. The emulator's request log
# and stored orders say what really happened.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    $suite = Enter-EmulatorSuite
    $emulator = $suite.Emulator
    $numbers = @('2012000801', '2012000802', '2012000803')

    function Add-EmulatorFault([hashtable] $Fault) {
        $null = Invoke-EmulatorAdmin $emulator 'POST' '/_emulator/faults' $Fault
    }

    function Get-CreateRequest {
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/requests' | Where-Object { $_.method -eq 'POST' -and $_.path -match '/tnoptions$' })
    }
}

AfterAll {
    Exit-EmulatorSuite $suite
}

Describe 'Set-BwPortOutPasscode when the API misbehaves' {
    BeforeEach {
        Reset-BwEmulator $emulator
        Connect-BwAccount -AccountId 9900000 -ClientCredential $DemoClient -BaseUri $emulator.BaseUri -MaximumRetryCount 2 -MaximumRetryDelaySec 2
    }

    It 'waits out a 429 with Retry-After and sends the order once' {
        Add-EmulatorFault @{ endpoint = 'create'; kind = 'throttle'; retryAfter = '1'; count = 1 }

        $started = [DateTime]::UtcNow
        $orders = @($numbers | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait)
        $elapsed = [DateTime]::UtcNow - $started

        $orders.Count | Should -Be 1
        $orders[0].ProcessingStatus | Should -Be 'COMPLETE'
        (Get-CreateRequest | ForEach-Object { $_.status }) -join ',' | Should -Be '429,201'
        $elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9 -Because 'Retry-After: 1 is honoured'
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders').Count | Should -Be 1
    }

    It 'finds the order it created when the answer was lost, instead of creating it twice' {
        Add-EmulatorFault @{ endpoint = 'create'; kind = 'dropAfterStore'; count = 1 }

        $orders = @($numbers | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait -ErrorAction SilentlyContinue -ErrorVariable failed)

        $stored = @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders')
        $stored.Count | Should -Be 1 -Because 'the CustomerOrderId makes the create exactly-once'
        @($failed).Count | Should -Be 0
        $orders.OrderId | Should -Be $stored[0].orderId
        $passcodes = Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
        foreach ($number in $numbers) {
            $passcodes.$number | Should -BeExactly 'a1b2c3'
        }
    }

    It 'reports every number of an order that the outage kept out, and stores nothing' {
        Add-EmulatorFault @{ endpoint = 'create'; kind = 'status'; status = 503 }

        $orders = @($numbers | Set-BwPortOutPasscode -Passcode a1b2c3 -ErrorAction SilentlyContinue -ErrorVariable failed)

        $orders.Count | Should -Be 0
        @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders').Count | Should -Be 0
        (Get-CreateRequest).Count | Should -Be 3 -Because 'one try and -MaximumRetryCount 2 retries'
        (@($failed | ForEach-Object { "$($_.TargetObject)" }) | Sort-Object) -join ',' | Should -Be ($numbers -join ',')
        foreach ($record in $failed) {
            $record.Exception.Message | Should -Match '503'
            # The id of the cause, the same one every cmdlet gives a 5xx; the number's own exception carries it.
            $record.FullyQualifiedErrorId | Should -BeLike 'BandwidthServerError,*'
            $record.Exception | Should -BeOfType ([PortOutPasscode.TelephoneNumberException])
            $record.Exception.InnerException | Should -BeOfType ([PortOutPasscode.BandwidthServerException])
        }
        ($failed | ForEach-Object { $_.Exception.Message } | Out-String) | Should -Not -Match 'demo-secret|a1b2c3'
    }
}
