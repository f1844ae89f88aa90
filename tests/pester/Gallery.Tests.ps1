#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The way a user gets the module: the package build.ps1 -Task Package makes (tools/ModulePackage.ps1), published
# to a file repository as to the PowerShell Gallery, installed with Install-PSResource into a clean module path,
# imported by name in a fresh PowerShell and used against the emulator. And what a Gallery maintainer or an
# Azure Automation user finds inside the .nupkg and the .zip.
#
# On Linux and macOS the installing PowerShell gets a home folder of its own (HOME, XDG_*), so neither the
# repository nor the installed module touches the user's. Windows has no such switch for the Documents folder:
# there the module is installed for the current user and uninstalled afterwards.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Support.ps1')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $saved = Save-BwEnvironment
    Clear-BwEnvironment

    $package = New-ModulePackage -ModuleFolder $ModuleFolder -DestinationFolder (Join-Path $TestDrive 'packages')
    $feed = Join-Path $TestDrive 'feed'
    $null = New-Item -ItemType Directory -Path $feed
    $isWindowsHost = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT

    # A clean user: its own home on Linux and macOS; the module path is left for PowerShell to work out from it.
    $environment = @{ PSModulePath = $null }
    if (-not $isWindowsHost) {
        $cleanHome = Join-Path $TestDrive 'home'
        $environment.HOME = $cleanHome
        $environment.XDG_DATA_HOME = Join-Path $cleanHome '.local/share'
        $environment.XDG_CONFIG_HOME = Join-Path $cleanHome '.config'
        $environment.XDG_CACHE_HOME = Join-Path $cleanHome '.cache'
        # .NET reports a special folder that does not exist as '', and PSResourceGet would then keep its
        # settings in the working directory.
        foreach ($folder in $environment.XDG_DATA_HOME, $environment.XDG_CONFIG_HOME, $environment.XDG_CACHE_HOME) {
            $null = New-Item -ItemType Directory -Path $folder -Force
        }
    }

    function Get-ArchiveEntry([string] $Path) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            @($archive.Entries | ForEach-Object { $_.FullName.Replace('\', '/') })
        }
        finally {
            $archive.Dispose()
        }
    }

    function Get-ArchiveText([string] $Path, [string] $EntryName) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $entry = $archive.Entries | Where-Object { $_.FullName.Replace('\', '/') -eq $EntryName }
            $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList $entry.Open()
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $archive.Dispose()
        }
    }

    # Every file of the module folder, relative and with forward slashes.
    $moduleFiles = @(Get-ChildItem -LiteralPath $ModuleFolder -Recurse -File | ForEach-Object {
            $_.FullName.Substring($ModuleFolder.Length + 1).Replace('\', '/')
        } | Sort-Object)
    # The third-party assemblies that ship: every DLL that is not the module's own.
    $thirdParty = @(Get-ChildItem -LiteralPath $ModuleFolder -Recurse -File -Filter '*.dll' |
            Where-Object { $_.BaseName -notlike 'PortOutPasscode*' } | ForEach-Object { $_.BaseName } | Sort-Object -Unique)
}

AfterAll {
    Restore-BwEnvironment $saved
}

Describe 'The Gallery package' {
    It 'is named for the manifest version and carries the whole module folder' {
        $manifestVersion = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).ModuleVersion
        Split-Path -Leaf $package.Nupkg | Should -Be "PortOutPasscode.$manifestVersion.nupkg"
        $entries = Get-ArchiveEntry $package.Nupkg
        foreach ($file in $moduleFiles) {
            $entries | Should -Contain $file
        }
        $entries | Should -Contain 'PortOutPasscode.nuspec'
    }

    It 'carries LICENSE and the third-party notices' {
        $entries = Get-ArchiveEntry $package.Nupkg
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'THIRD-PARTY-NOTICES.txt'
        Get-ArchiveText $package.Nupkg 'LICENSE' | Should -Match 'MIT License'
    }

    It 'names, in its notices, every third-party assembly it ships' {
        $thirdParty.Count | Should -BeGreaterThan 0
        $notices = Get-ArchiveText $package.Nupkg 'THIRD-PARTY-NOTICES.txt'
        $missing = @($thirdParty | Where-Object { $notices -notmatch ('(?m)^\s+- ' + [regex]::Escape($_) + '\s*$') })
        $missing -join ', ' | Should -BeNullOrEmpty -Because 'THIRD-PARTY-NOTICES.txt must list each shipped assembly and its license'
    }
}

Describe 'The Azure Automation zip' {
    It 'holds exactly the module folder, under one top folder named PortOutPasscode' {
        Split-Path -Leaf $package.Zip | Should -Be 'PortOutPasscode.zip'
        $entries = @(Get-ArchiveEntry $package.Zip | Where-Object { -not $_.EndsWith('/') })
        ($entries | Sort-Object) -join "`n" | Should -Be (($moduleFiles | ForEach-Object { "PortOutPasscode/$_" }) -join "`n")
        $entries | Should -Contain 'PortOutPasscode/PortOutPasscode.psd1'
        $entries | Should -Contain 'PortOutPasscode/LICENSE'
        $entries | Should -Contain 'PortOutPasscode/THIRD-PARTY-NOTICES.txt'
    }
}

Describe 'Publish-PSResource, Install-PSResource, Import-Module by name' {
    BeforeAll {
        $emulator = Start-BwEmulator
        Reset-BwEmulator $emulator

        $install = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Register-PSResourceRepository -Name PortOutPasscodeTestFeed -Uri $(ConvertTo-PowerShellLiteral $feed) -Trusted
try {
    Publish-PSResource -NupkgPath $(ConvertTo-PowerShellLiteral $package.Nupkg) -Repository PortOutPasscodeTestFeed
    Install-PSResource -Name PortOutPasscode -Repository PortOutPasscodeTestFeed -Scope CurrentUser -TrustRepository
}
finally {
    Unregister-PSResourceRepository -Name PortOutPasscodeTestFeed
}
'Installed in: ' + (Get-InstalledPSResource -Name PortOutPasscode -Scope CurrentUser).InstalledLocation
"@
        $installed = Invoke-ChildShell -Script $install -Environment $environment -Capture -TimeoutSec 300 -WorkingDirectory $TestDrive

        $use = @"
`$ErrorActionPreference = 'Stop'
Import-Module PortOutPasscode
'Imported from: ' + (Get-Module PortOutPasscode).ModuleBase
Connect-BwAccount
`$order = '2012000901' | Set-BwPortOutPasscode -Passcode a1b2c3 -Wait
'Order: ' + `$order.ProcessingStatus
"@
        $useEnvironment = $environment + (Get-BwEmulatorEnvironment $emulator)
        $used = Invoke-ChildShell -Script $use -Environment $useEnvironment -Capture -TimeoutSec 300 -WorkingDirectory $TestDrive
    }

    AfterAll {
        Stop-BwEmulator $emulator
        if ($isWindowsHost) {
            $null = Invoke-ChildShell -Script "Uninstall-PSResource -Name PortOutPasscode -Version $(ConvertTo-PowerShellLiteral $package.Version) -Scope CurrentUser" -Capture
        }
    }

    It 'publishes the package to a file repository and installs it from there' {
        $installed.ExitCode | Should -Be 0 -Because "$($installed.Output)$($installed.Errors)"
        Test-Path -LiteralPath (Join-Path $feed (Split-Path -Leaf $package.Nupkg)) | Should -BeTrue
        if (-not $isWindowsHost) {
            $installed.Output | Should -Match ('Installed in: ' + [regex]::Escape($environment.XDG_DATA_HOME))
        }
    }

    It 'is found by name in a fresh PowerShell, from where it was installed, not from the build' {
        $used.ExitCode | Should -Be 0 -Because "$($used.Output)$($used.Errors)"
        $used.Output | Should -Match 'Imported from: '
        $used.Output | Should -Not -Match ('Imported from: ' + [regex]::Escape($ModuleFolder))
        if (-not $isWindowsHost) {
            $used.Output | Should -Match ('Imported from: ' + [regex]::Escape($environment.XDG_DATA_HOME))
        }
    }

    It 'sets a passcode against the emulator, as the emulator records it' {
        $used.Output | Should -Match 'Order: COMPLETE'
        (Invoke-EmulatorAdmin $emulator 'GET' '/_emulator/passcodes?accountId=9900000').'2012000901' | Should -BeExactly 'a1b2c3'
        "$($used.Output)$($used.Errors)" | Should -Not -Match 'demo-secret'
    }
}
