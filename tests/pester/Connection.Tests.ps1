#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Connect-BwAccount, Get-BwConnection and Disconnect-BwAccount without a network: every connection here is
# made with -SkipCheck.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    Import-ModuleUnderTest
    $saved = Save-BwEnvironment
    $apiUser = New-TestCredential 'pester-user' 'pester-password-1'
    $client = New-TestCredential 'pester-client' 'pester-secret-1'
}

AfterAll {
    Disconnect-BwAccount
    Restore-BwEnvironment $saved
}

Describe 'Connect-BwAccount' {
    BeforeEach {
        Clear-BwEnvironment
        Disconnect-BwAccount
    }

    It 'stores a connection for an API user, without its secret' {
        $connection = Connect-BwAccount -AccountId 9900000 -Credential $apiUser -BaseUri 'http://127.0.0.1:9/api' -SkipCheck -PassThru

        $connection.AccountId | Should -Be '9900000'
        "$($connection.AuthenticationKind)" | Should -Be 'Basic'
        $connection.UserName | Should -Be 'pester-user'
        $connection.BaseUri | Should -Be ([uri]'http://127.0.0.1:9/api')
        (Get-BwConnection).AccountId | Should -Be '9900000'
        "$connection" | Should -Be 'Bandwidth account 9900000 at http://127.0.0.1:9/api (API user pester-user)'
        ($connection | Format-List -Property * | Out-String) | Should -Not -Match 'pester-password-1'
        ($connection | Format-Table | Out-String) | Should -Match 'pester-user'
    }

    It 'uses OAuth2 with a client credential, and the token endpoint of a custom base' {
        $connection = Connect-BwAccount 9900000 -ClientCredential $client -BaseUri 'http://localhost:9/api' -SkipCheck -PassThru

        "$($connection.AuthenticationKind)" | Should -Be 'OAuth2ClientCredentials'
        $connection.UserName | Should -Be 'pester-client'
        $connection.TokenUri | Should -Be ([uri]'http://localhost:9/api/v1/oauth2/token')
    }

    It 'defaults to Bandwidth production and its token endpoint' {
        $connection = Connect-BwAccount 9900000 -ClientCredential $client -SkipCheck -PassThru

        $connection.BaseUri | Should -Be ([uri]'https://dashboard.bandwidth.com/api')
        $connection.TokenUri | Should -Be ([uri]'https://api.bandwidth.com/api/v1/oauth2/token')
    }

    It 'refuses plain http to <_> and stores nothing' -ForEach @('http://api.example.com/api', 'http://10.1.2.3/api') {
        { Connect-BwAccount -AccountId 9900000 -Credential $apiUser -BaseUri $_ -SkipCheck } | Should -Throw -ErrorId 'InvalidBaseUri*'
        Get-BwConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reads BW_CLIENT_ID and BW_CLIENT_SECRET first, then BW_USERNAME and BW_PASSWORD' {
        $env:BW_ACCOUNT_ID = '9900000'
        $env:BW_USERNAME = 'env-user'
        $env:BW_PASSWORD = 'env-password-1'
        $env:BW_CLIENT_ID = 'env-client'
        $env:BW_CLIENT_SECRET = 'env-secret-1'
        $env:BW_API_BASE_URI = 'http://127.0.0.1:9/api'

        $connection = Connect-BwAccount -SkipCheck -PassThru
        "$($connection.AuthenticationKind)" | Should -Be 'OAuth2ClientCredentials'
        $connection.UserName | Should -Be 'env-client'
        $connection.BaseUri | Should -Be ([uri]'http://127.0.0.1:9/api')

        Remove-Item -Path Env:BW_CLIENT_ID, Env:BW_CLIENT_SECRET
        $connection = Connect-BwAccount -SkipCheck -PassThru
        "$($connection.AuthenticationKind)" | Should -Be 'Basic'
        $connection.UserName | Should -Be 'env-user'
    }

    It 'lets parameters win over the environment' {
        $env:BW_ACCOUNT_ID = '9900000'
        $env:BW_CLIENT_ID = 'env-client'
        $env:BW_CLIENT_SECRET = 'env-secret-1'

        $connection = Connect-BwAccount -AccountId 1111111 -Credential $apiUser -SkipCheck -PassThru
        $connection.AccountId | Should -Be '1111111'
        $connection.UserName | Should -Be 'pester-user'
    }

    It 'says what is missing: the credentials first (an OAuth token may name the account), then the account' {
        { Connect-BwAccount -SkipCheck } | Should -Throw -ErrorId 'CredentialMissing*'
        $env:BW_ACCOUNT_ID = '9900000'
        { Connect-BwAccount -SkipCheck } | Should -Throw -ErrorId 'CredentialMissing*'
        Remove-Item -Path Env:BW_ACCOUNT_ID
        { Connect-BwAccount -Credential $apiUser -SkipCheck } | Should -Throw -ErrorId 'AccountIdMissing*'
        { Connect-BwAccount -ClientCredential $client -SkipCheck } | Should -Throw -ErrorId 'AccountIdMissing*'
        Get-BwConnection | Should -BeNullOrEmpty
    }

    It 'writes no secret to any stream' {
        $env:BW_ACCOUNT_ID = '9900000'
        $env:BW_CLIENT_ID = 'env-client'
        $env:BW_CLIENT_SECRET = 'env-secret-1'
        $DebugPreference = 'Continue'
        $everything = & {
            Connect-BwAccount -SkipCheck -PassThru -Verbose
            Connect-BwAccount -AccountId 9900000 -Credential $apiUser -SkipCheck -PassThru -Verbose
            Get-BwConnection | Format-List -Property * | Out-String
        } *>&1 | Out-String

        $everything | Should -Match 'env-client'
        $everything | Should -Not -Match 'env-secret-1'
        $everything | Should -Not -Match 'pester-password-1'
    }
}

Describe 'Get-BwConnection and Disconnect-BwAccount' {
    BeforeEach {
        Clear-BwEnvironment
        Disconnect-BwAccount
    }

    It 'forget the connection; Get-BwConnection then returns nothing, as Get-AzContext does' {
        Connect-BwAccount -AccountId 9900000 -Credential $apiUser -SkipCheck
        Get-BwConnection | Should -Not -BeNullOrEmpty

        Disconnect-BwAccount
        $errors = $null
        @(Get-BwConnection -ErrorVariable errors).Count | Should -Be 0
        @($errors).Count | Should -Be 0
        $said = Get-BwConnection -Verbose 4>&1 | Out-String
        $said | Should -Match 'Not connected'
    }

    It 'an API cmdlet says to connect first' {
        { Get-BwPortOutPasscode -TelephoneNumber 2012000101 } | Should -Throw -ErrorId 'NotConnected*'
    }

    It 'keeps one connection per runspace' {
        Connect-BwAccount -AccountId 9900000 -Credential $apiUser -SkipCheck
        $other = [powershell]::Create()
        try {
            $null = $other.AddScript("Import-Module -Name '$($ModuleManifest -replace "'", "''")'; Get-BwConnection -ErrorAction SilentlyContinue")
            @($other.Invoke()).Count | Should -Be 0
        }
        finally {
            $other.Dispose()
        }
        (Get-BwConnection).AccountId | Should -Be '9900000'
    }

    It 'lets a connection kept in a variable be used with -Connection after disconnecting' {
        $kept = Connect-BwAccount -AccountId 9900000 -Credential $apiUser -BaseUri 'http://127.0.0.1:9/api' -SkipCheck -PassThru
        Disconnect-BwAccount

        # -WhatIf: every row is checked and nothing is sent, so no API is needed. -TelephoneNumber with nothing piped
        # binds without a prompt (the pipeline's set was the default once, and PowerShell asked for -InputObject).
        { Set-BwPortOutPasscode -TelephoneNumber 2012000101 -Passcode a1b2c3 -Connection $kept -WhatIf -ErrorAction Stop } | Should -Not -Throw
        { Remove-BwPortOutPasscode -TelephoneNumber 2012000101 -Connection $kept -WhatIf -ErrorAction Stop } | Should -Not -Throw
        { Set-BwPortOutPasscode -TelephoneNumber 2012000101 -Passcode a1b2c3 -WhatIf } | Should -Throw -ErrorId 'NotConnected*'
    }
}
