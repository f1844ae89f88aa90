# Packs the built module folder for its two ways out: the .nupkg the PowerShell Gallery takes, made by
# publishing to a local file repository, and PortOutPasscode.zip holding PortOutPasscode/ as Azure Automation
# imports it. build.ps1 -Task Package and the Gallery suite (tests/pester) use it. Dot-source it.
# Runs on Windows PowerShell 5.1 (with Microsoft.PowerShell.PSResourceGet installed) and PowerShell 7.4+.

# What must ship inside the package besides the module itself.
$script:PackageLegalFiles = @('LICENSE', 'THIRD-PARTY-NOTICES.txt')

function Assert-PSResourceGet {
    if (-not (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw ('Publish-PSResource (Microsoft.PowerShell.PSResourceGet) is not available in this PowerShell ' +
            "$($PSVersionTable.PSVersion). It comes with PowerShell 7.4 and later; on Windows PowerShell 5.1: " +
            'Install-Module Microsoft.PowerShell.PSResourceGet -Scope CurrentUser')
    }
}

# Makes <DestinationFolder>/PortOutPasscode.<version>.nupkg and <DestinationFolder>/PortOutPasscode.zip.
function New-ModulePackage {
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $DestinationFolder
    )
    Assert-PSResourceGet
    $name = Split-Path -Leaf $ModuleFolder
    $manifest = [System.IO.Path]::Combine($ModuleFolder, "$name.psd1")
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "The module is not built: $manifest is missing."
    }
    foreach ($file in $script:PackageLegalFiles) {
        if (-not (Test-Path -LiteralPath ([System.IO.Path]::Combine($ModuleFolder, $file)))) {
            throw "$file is missing from $ModuleFolder; the build copies it there (src/PortOutPasscode/PortOutPasscode.csproj)."
        }
    }
    $version = (Import-PowerShellDataFile -LiteralPath $manifest).ModuleVersion
    $null = New-Item -ItemType Directory -Path $DestinationFolder -Force
    $DestinationFolder = (Resolve-Path -LiteralPath $DestinationFolder).ProviderPath
    $nupkg = [System.IO.Path]::Combine($DestinationFolder, "$name.$version.nupkg")
    $zip = [System.IO.Path]::Combine($DestinationFolder, "$name.zip")
    foreach ($old in $nupkg, $zip) {
        if (Test-Path -LiteralPath $old) {
            Remove-Item -LiteralPath $old -Force
        }
    }

    # A repository of this machine's PSResourceGet settings, registered only for the publish.
    $repository = 'PortOutPasscodeLocal-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repository -Uri $DestinationFolder -Trusted
    try {
        Publish-PSResource -Path $ModuleFolder -Repository $repository -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    if (-not (Test-Path -LiteralPath $nupkg)) {
        throw "Publishing did not produce $nupkg."
    }

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    # includeBaseDirectory: the archive's one top folder is the module's name, as Azure Automation requires.
    [System.IO.Compression.ZipFile]::CreateFromDirectory($ModuleFolder, $zip, [System.IO.Compression.CompressionLevel]::Optimal, $true)

    [pscustomobject]@{ Nupkg = $nupkg; Zip = $zip; Version = $version }
}
