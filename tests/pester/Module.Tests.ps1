#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The shipped module folder: a valid manifest, exactly its sixteen cmdlets, and help for every one of them.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Support.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    Import-ModuleUnderTest
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        $info.Name | Should -Be 'PortOutPasscode'
        $info.PowerShellVersion | Should -Be ([version]'5.1')
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'carries the Gallery metadata' {
        $data = Import-PowerShellDataFile -Path $ModuleManifest
        $tags = $data.PrivateData.PSData.Tags
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $tags | Should -Contain $tag
        }
        $data.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $data.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        @($data.FunctionsToExport).Count | Should -Be 0
        @($data.AliasesToExport).Count | Should -Be 0
    }
}

Describe 'The exported commands' {
    It 'are exactly its sixteen cmdlets of the manifest' {
        $exported = Get-Command -Module PortOutPasscode
        (($exported.Name | Sort-Object) -join ', ') | Should -Be (($ExpectedCmdlets | Sort-Object) -join ', ')
        $exported | ForEach-Object { $_.CommandType | Should -Be 'Cmdlet' }
    }
}

Describe 'Help for <_>' -ForEach $ExpectedCmdlets {
    BeforeAll {
        $name = $_
        $help = Get-Help -Name $name -Full
        $command = Get-Command -Name $name -Module PortOutPasscode
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file Get-Help makes the synopsis from the syntax.
        $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Length | Should -BeGreaterThan 100
    }

    It 'documents every parameter of the cmdlet, each with a description' {
        $real = $command.Parameters.Keys | Where-Object { $common -notcontains $_ } | Sort-Object
        $documented = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object { $_.name }) | Sort-Object
        ($documented -join ', ') | Should -Be ($real -join ', ')
        foreach ($parameter in @($help.parameters.parameter | Where-Object { $_ })) {
            ($parameter.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
        }
    }

    It 'has at least three examples, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'The about topic' {
    It 'is found by Get-Help' {
        $text = Get-Help -Name about_PortOutPasscode | Out-String
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'BW_CLIENT_SECRET'
    }
}
