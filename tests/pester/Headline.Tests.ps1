#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The module's headline, as a user types it: Import-Csv of a spreadsheet export piped into
# Set-BwPortOutPasscode, and the same file through -Path. The file is what Excel's "CSV UTF-8" export writes:
# a byte-order mark, CRLF line ends, quoted fields, numbers in every format people type, a fully empty row (',,,',
# skipped with one verbose line, never an error) and a few that cannot be numbers. What was stored is read back from
# the emulator's own record, not the cmdlet's word.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    $suite = Enter-EmulatorSuite
    $emulator = $suite.Emulator

    $export = Join-Path $TestDrive 'numbers-export.csv'
    $lines = @(
        'Site,Number,Contact,Notes'
        'Head office,(201) 200-0601,"Smith, Jane",'
        'Head office,+1 201-200-0602,Jane Smith,'
        'Warehouse,12012000603,Bob,"said ""call me"" twice"'
        'Warehouse,201.200.0604,Bob,'
        'Warehouse,2.012E+09,Bob,Excel showed the number in scientific format'
        'Call centre, 2012000605 ,Al,padded with spaces'
        'Call centre,201-200-0606 ext 12,Al,an extension'
        'Call centre,,Al,no number'
        ',,,'
        'Remote,2012000601,Jane Smith,the head office number again'
        'Remote,201 200 0607,Zoë Núñez,'
    )
    # Excel's CSV UTF-8: a byte-order mark and CRLF.
    [System.IO.File]::WriteAllText($export, ($lines -join "`r`n") + "`r`n", (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $true))

    $goodNumbers = @('2012000601', '2012000602', '2012000603', '2012000604', '2012000605', '2012000607')

    # "ErrorId: where", where is the start of the message ("Row 5", "Line 6 of numbers-export.csv"), sorted.
    function Get-ErrorSummary($Records) {
        @($Records | ForEach-Object { '{0}: {1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.Exception.Message.Split(':')[0] }) | Sort-Object
    }

    function Get-StoredPasscode {
        Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000'
    }
}

AfterAll {
    Exit-EmulatorSuite $suite
}

Describe 'Import-Csv export.csv | Set-BwPortOutPasscode -Passcode a1b2c3, on an Excel export' {
    BeforeAll {
        Reset-BwEmulator $emulator
        Connect-BwAccount -AccountId 9900000 -ClientCredential $DemoClient -BaseUri $emulator.BaseUri

        $failed = $null
        # The headline line, as written in the README (with -Verbose, to hear about the empty row).
        $orders = @(Import-Csv $export | Set-BwPortOutPasscode -Passcode a1b2c3 -ErrorVariable failed -ErrorAction SilentlyContinue -Verbose 4>&1)
        $verbose = @($orders | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $orders = @($orders | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
    }

    It 'reads the header through the byte-order mark' {
        (Import-Csv $export | Select-Object -First 1).PSObject.Properties.Name[0] | Should -BeExactly 'Site'
    }

    It 'stores the passcode on every number it could read, in every format, each once' {
        $stored = Get-StoredPasscode
        foreach ($number in $goodNumbers) {
            $stored.$number | Should -BeExactly 'a1b2c3' -Because "$number is a good row"
        }
        @($stored.PSObject.Properties).Count | Should -Be $goodNumbers.Count

        $sent = @(Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/orders' | ForEach-Object { $_.telephoneNumbers })
        ($sent | Sort-Object) -join ',' | Should -Be ($goodNumbers -join ',')
        ($orders.TelephoneNumbers | Sort-Object) -join ',' | Should -Be ($goodNumbers -join ',')
    }

    It 'reports each bad row once, by its row number, and sends nothing for it' {
        Get-ErrorSummary $failed | Should -Be @(
            'InvalidTelephoneNumber: Row 5'
            'InvalidTelephoneNumber: Row 7'
            'InvalidTelephoneNumber: Row 8'
        )
        $failed[0].Exception.Message | Should -Match ([regex]::Escape("'2.012E+09'"))
    }

    It 'skips the fully empty row (row 9) with one verbose line, and counts the rows after it from where they are' {
        @($verbose | Where-Object { $_.Message -like '*fully empty row*' }).Count | Should -Be 1
        ($verbose | Where-Object { $_.Message -like '*fully empty row*' }).Message | Should -Match '^1 fully empty row skipped'
        # Row 10 repeats row 1: said by its own position, so the empty row still counted as a row.
        ($verbose | Where-Object { $_.Message -like 'Row 10*' }).Message | Should -Match 'row 1'
    }

    It 'keeps the passcode out of every message (PowerShell itself echoes the command line in its view)' {
        ($failed | ForEach-Object { $_.Exception.Message; $_.ErrorDetails; $_.TargetObject } | Out-String) | Should -Not -Match 'a1b2c3'
    }
}

Describe 'Set-BwPortOutPasscode -Path export.csv, on the same export' {
    BeforeAll {
        Reset-BwEmulator $emulator
        Connect-BwAccount -AccountId 9900000 -ClientCredential $DemoClient -BaseUri $emulator.BaseUri

        $failed = $null
        $orders = @(Set-BwPortOutPasscode -Path $export -Passcode Zz9yY8 -ErrorVariable failed -ErrorAction SilentlyContinue -Verbose 4>&1)
        $verbose = @($orders | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $orders = @($orders | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
    }

    It 'stores the same numbers as Import-Csv did, and waits for the orders to finish (the default)' {
        $stored = Get-StoredPasscode
        foreach ($number in $goodNumbers) {
            $stored.$number | Should -BeExactly 'Zz9yY8'
        }
        @($stored.PSObject.Properties).Count | Should -Be $goodNumbers.Count
        foreach ($order in $orders) {
            $order.ProcessingStatus | Should -Be 'COMPLETE'
        }
    }

    It 'names the same bad rows by their line in the file (the header is line 1), and skips the empty line 10' {
        Get-ErrorSummary $failed | Should -Be @(
            'InvalidTelephoneNumber: Line 6 of numbers-export.csv'
            'InvalidTelephoneNumber: Line 8 of numbers-export.csv'
            'InvalidTelephoneNumber: Line 9 of numbers-export.csv'
        )
        @($verbose | Where-Object { $_.Message -like 'numbers-export.csv: 1 fully empty row skipped*' }).Count | Should -Be 1
    }

    It 'audits the file afterwards: Get-BwPortOutPasscode -Path finds the passcodes, and the table does not show one' {
        $info = @(Get-BwPortOutPasscode -Path $export -ErrorAction SilentlyContinue)
        @($info | Where-Object HasPasscode).Count | Should -Be $goodNumbers.Count
        ($info | Format-Table | Out-String) | Should -Not -Match 'Zz9yY8'
    }
}
