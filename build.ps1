<#
.SYNOPSIS
    Builds, tests, packages or cleans the PortOutPasscode module.

.DESCRIPTION
    A thin wrapper around the .NET SDK for PowerShell users, on Windows PowerShell 5.1 and PowerShell 7.

      Build    dotnet build of the solution; assembles the importable module folder out/PortOutPasscode.
      Test     dotnet test of the solution (xunit suites, the PowerShell engine hosted in-process), then,
               where Pester 5 is installed, the Pester suites of tests/pester in a fresh PowerShell process
               of the same edition as this one.
      Package  the .nupkg the PowerShell Gallery takes, made from out/PortOutPasscode by publishing it to a
               temporary local file repository, into out/packages. Builds first.
      Clean    dotnet clean, and removes out/.

    Tasks run in that order (Clean, Build, Test, Package) whatever order they are given in. The script stops
    at the first failure and exits with the failing tool's exit code (1 for its own errors).

.PARAMETER Task
    One or more of Build, Test, Package, Clean. Default Build.

.PARAMETER Configuration
    The .NET build configuration. Default Release.

.EXAMPLE
    ./build.ps1

    Builds the solution and assembles out/PortOutPasscode.

.EXAMPLE
    ./build.ps1 -Task Build, Test

    Builds, then runs every xunit suite and, with Pester 5 installed, the Pester suites.

.EXAMPLE
    ./build.ps1 -Task Clean, Package

    Starts from a clean tree and leaves out/packages/PortOutPasscode.<version>.nupkg.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateNotNullOrEmpty()]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# Exit codes of dotnet are checked here, one by one (PowerShell 7.4+ could otherwise throw first and lose them).
$PSNativeCommandUseErrorActionPreference = $false

$root = $PSScriptRoot
$solution = [System.IO.Path]::Combine($root, 'PortOutPasscode.sln')
$outFolder = [System.IO.Path]::Combine($root, 'out')
$moduleFolder = [System.IO.Path]::Combine($outFolder, 'PortOutPasscode')
$packageFolder = [System.IO.Path]::Combine($outFolder, 'packages')
$testResults = [System.IO.Path]::Combine($outFolder, 'test-results')
$pesterSuites = [System.IO.Path]::Combine($root, 'tests', 'pester')

# A failure of a tool, carrying the exit code the script ends with.
class BuildFailure : System.Exception {
    [int] $ExitCode
    BuildFailure([string] $message, [int] $exitCode) : base($message) {
        $this.ExitCode = $exitCode
    }
}

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

# Runs a native command; a non-zero exit code stops the build with that code.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    $code = $LASTEXITCODE
    if ($code -ne 0) {
        throw [BuildFailure]::new("'$FilePath $($ArgumentList -join ' ')' failed with exit code $code.", $code)
    }
}

function Assert-DotNet {
    if (-not (Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue)) {
        throw [BuildFailure]::new('The .NET SDK (dotnet) is not on PATH. Install the .NET 10 SDK: https://dot.net', 1)
    }
}

function Invoke-Clean {
    Write-Step 'Clean'
    Invoke-Native dotnet @('clean', $solution, '--configuration', $Configuration, '--nologo', '--verbosity', 'minimal')
    if (Test-Path -LiteralPath $outFolder) {
        Remove-Item -LiteralPath $outFolder -Recurse -Force
    }
}

function Invoke-Build {
    Write-Step "Build ($Configuration)"
    Invoke-Native dotnet @('build', $solution, '--configuration', $Configuration, '--nologo')
    $manifest = [System.IO.Path]::Combine($moduleFolder, 'PortOutPasscode.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw [BuildFailure]::new("The build did not assemble the module folder: $manifest is missing.", 1)
    }
    Write-Host "Module folder: $moduleFolder"
}

function Invoke-Test([bool] $AlreadyBuilt) {
    Write-Step "Test ($Configuration)"
    $arguments = @('test', $solution, '--configuration', $Configuration, '--nologo',
        '--logger', 'trx', '--results-directory', $testResults)
    if ($AlreadyBuilt) {
        $arguments += '--no-build'
    }
    Invoke-Native dotnet $arguments

    $pester = Get-Module -ListAvailable -Name Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Warning ('Pester 5 is not installed: the suites in tests/pester were skipped. ' +
            'Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck, then run again.')
        return
    }

    Write-Step "Pester $($pester.Version) ($($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion))"
    # A fresh process of the same PowerShell: the module's assembly is not left loaded (and locked) in this
    # session, and every suite starts from a session without the module.
    $shell = (Get-Process -Id $PID).Path
    $resultFile = [System.IO.Path]::Combine($testResults, "pester-$($PSVersionTable.PSEdition).xml")
    $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$($pester.Path -replace "'", "''")'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$($pesterSuites -replace "'", "''")'
`$configuration.Run.Exit = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnitXml'
`$configuration.TestResult.OutputPath = '$($resultFile -replace "'", "''")'
Invoke-Pester -Configuration `$configuration
"@
    $previous = $env:PORTOUTPASSCODE_CONFIGURATION
    $env:PORTOUTPASSCODE_CONFIGURATION = $Configuration
    try {
        # -EncodedCommand: no quoting rules of either edition can bend the script on its way.
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($command))
        Invoke-Native $shell @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', $encoded)
    }
    finally {
        $env:PORTOUTPASSCODE_CONFIGURATION = $previous
    }
}

function Invoke-Package {
    Write-Step 'Package'
    $manifestPath = [System.IO.Path]::Combine($moduleFolder, 'PortOutPasscode.psd1')
    $version = (Import-PowerShellDataFile -LiteralPath $manifestPath).ModuleVersion
    $null = New-Item -ItemType Directory -Path $packageFolder -Force
    $package = [System.IO.Path]::Combine($packageFolder, "PortOutPasscode.$version.nupkg")
    if (Test-Path -LiteralPath $package) {
        Remove-Item -LiteralPath $package -Force
    }

    $repository = 'PortOutPasscodeLocal-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    if (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue) {
        # PSResourceGet (PowerShell 7.4+, or installed on 5.1).
        Register-PSResourceRepository -Name $repository -Uri $packageFolder -Trusted
        try {
            Publish-PSResource -Path $moduleFolder -Repository $repository -SkipDependenciesCheck
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
        }
    }
    elseif (Get-Command -Name Publish-Module -ErrorAction SilentlyContinue) {
        # PowerShellGet 2 (Windows PowerShell 5.1).
        Register-PSRepository -Name $repository -SourceLocation $packageFolder -PublishLocation $packageFolder -InstallationPolicy Trusted
        try {
            Publish-Module -Path $moduleFolder -Repository $repository -NuGetApiKey 'local-file-repository'
        }
        finally {
            Unregister-PSRepository -Name $repository
        }
    }
    else {
        throw [BuildFailure]::new('Neither Publish-PSResource (Microsoft.PowerShell.PSResourceGet) nor Publish-Module (PowerShellGet) is available.', 1)
    }

    if (-not (Test-Path -LiteralPath $package)) {
        throw [BuildFailure]::new("Publishing did not produce $package.", 1)
    }
    Write-Host "Package: $package"
}

try {
    Assert-DotNet
    $built = $false
    if ($Task -contains 'Clean') {
        Invoke-Clean
    }
    if ($Task -contains 'Build' -or $Task -contains 'Package') {
        Invoke-Build
        $built = $true
    }
    if ($Task -contains 'Test') {
        Invoke-Test -AlreadyBuilt $built
    }
    if ($Task -contains 'Package') {
        Invoke-Package
    }
    Write-Host ''
    Write-Host "Done: $($Task -join ', ')." -ForegroundColor Green
}
catch {
    $failure = $_.Exception
    while ($failure -and -not ($failure -is [BuildFailure]) -and $failure.InnerException) {
        $failure = $failure.InnerException
    }
    $code = 1
    if ($failure -is [BuildFailure]) {
        $code = $failure.ExitCode
    }
    Write-Host ''
    Write-Host "build.ps1 failed: $($_.Exception.Message)" -ForegroundColor Red
    if (-not ($failure -is [BuildFailure])) {
        Write-Host $_.ScriptStackTrace -ForegroundColor DarkGray
    }
    exit $code
}
exit 0
