<#
.SYNOPSIS
    Builds, tests, packages, demonstrates or cleans the PortOutPasscode module.

.DESCRIPTION
    The front door of the repository, on PowerShell 7 (installed, or the pinned .NET tool: dotnet tool restore,
    then dotnet pwsh ./build.ps1) and on Windows PowerShell 5.1. It needs only the .NET SDK.

      Build    dotnet build of the solution; assembles the importable module folder out/PortOutPasscode.
      Test     every xunit suite (dotnet test), then the Pester suites of tests/pester in a fresh PowerShell
               of the same edition, with Pester pinned in tools/PesterDownload and fetched through NuGet.
               Ends with one line counting both: "Tests: N passed, N failed".
      Package  out/packages/PortOutPasscode.<version>.nupkg for the PowerShell Gallery (published to a local
               file repository) and out/packages/PortOutPasscode.zip (the PortOutPasscode folder, as Azure
               Automation imports it); both carry LICENSE and THIRD-PARTY-NOTICES.txt.
      Demo     the main job: starts the bundled Bandwidth emulator, runs samples/demo.ps1 against it in a fresh
               PowerShell (connected from BW_* variables, OAuth2), stops the emulator.
      Clean    dotnet clean, and removes out/.

    Tasks run in that order (Clean, Build, Test, Package, Demo) whatever order they are given in; Test builds
    the solution first, Package and Demo only the module and the emulator. The script stops at the first failure and exits with the failing tool's
    exit code (1 for its own errors).

.PARAMETER Task
    One or more of Build, Test, Package, Demo, Clean. Default Build.

.PARAMETER Configuration
    The .NET build configuration. Default Release.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Demo

    Runs the demo on a machine with only the .NET SDK.

.EXAMPLE
    ./build.ps1 -Task Test

    Builds, then runs every xunit and Pester suite.

.EXAMPLE
    ./build.ps1 -Task Clean, Package

    Starts from a clean tree and leaves the .nupkg and the .zip in out/packages.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
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
$pesterProject = [System.IO.Path]::Combine($root, 'tools', 'PesterDownload', 'PesterDownload.csproj')
$demoScript = [System.IO.Path]::Combine($root, 'samples', 'demo.ps1')
$moduleProject = [System.IO.Path]::Combine($root, 'src', 'PortOutPasscode', 'PortOutPasscode.csproj')
$emulatorProject = [System.IO.Path]::Combine($root, 'src', 'PortOutPasscode.Emulator', 'PortOutPasscode.Emulator.csproj')

. ([System.IO.Path]::Combine($root, 'tools', 'ChildShell.ps1'))
. ([System.IO.Path]::Combine($root, 'tools', 'EmulatorProcess.ps1'))
. ([System.IO.Path]::Combine($root, 'tools', 'ModulePackage.ps1'))

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

# Runs a native command and returns its exit code.
function Invoke-NativeCode {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList | Out-Host
    $LASTEXITCODE
}

# Runs a native command; a non-zero exit code stops the build with that code.
function Invoke-Native {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $ArgumentList = @()
    )
    $code = Invoke-NativeCode $FilePath $ArgumentList
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

# Builds the solution, or only the given projects (the demo and the packages need only the module and the emulator).
function Invoke-Build([string[]] $Projects = @($solution)) {
    Write-Step "Build ($Configuration)"
    foreach ($project in $Projects) {
        Invoke-Native dotnet @('build', $project, '--configuration', $Configuration, '--nologo')
    }
    $manifest = [System.IO.Path]::Combine($moduleFolder, 'PortOutPasscode.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw [BuildFailure]::new("The build did not assemble the module folder: $manifest is missing.", 1)
    }
    Write-Host "Module folder: $moduleFolder"
}

# Fetches the pinned Pester through the machine's NuGet sources and returns its manifest path.
function Get-PesterManifest {
    $restored = Invoke-NativeCode dotnet @('restore', $pesterProject, '--nologo', '--verbosity', 'quiet')
    $path = ''
    if ($restored -eq 0) {
        $path = "$(& dotnet msbuild $pesterProject -nologo '-getProperty:PesterManifest')".Trim()
    }
    if (-not $path -or -not (Test-Path -LiteralPath $path)) {
        throw [BuildFailure]::new(("Pester, which runs the tests in tests/pester, could not be fetched: restoring " +
            "$pesterProject (exit code $restored) did not leave '$path'. Check that one of this machine's NuGet " +
            'sources serves the Pester package at the version PesterVersion pins there (dotnet nuget list source).'), 1)
    }
    $path
}

# Counts of the xunit run, from its .trx files.
function Get-XunitCount {
    $passed = 0
    $failed = 0
    $skipped = 0
    foreach ($file in @(Get-ChildItem -LiteralPath $testResults -Filter '*.trx' -File -ErrorAction SilentlyContinue)) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $skipped += [int]$counters.notExecuted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-PesterSuites([string] $PesterManifest) {
    Write-Step "Pester ($($PSVersionTable.PSEdition) $($PSVersionTable.PSVersion))"
    $summaryFile = [System.IO.Path]::Combine($testResults, 'pester-summary.json')
    $resultFile = [System.IO.Path]::Combine($testResults, "pester-$($PSVersionTable.PSEdition).xml")
    # A fresh process: the module's assembly is not left loaded (and locked) in this session, and the suites
    # start from a session without the module, as a user's would.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name $(ConvertTo-PowerShellLiteral $PesterManifest)
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = $(ConvertTo-PowerShellLiteral $pesterSuites)
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnitXml'
`$configuration.TestResult.OutputPath = $(ConvertTo-PowerShellLiteral $resultFile)
`$result = Invoke-Pester -Configuration `$configuration
`$failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount
`$summary = @{ passed = `$result.PassedCount; failed = `$failed; skipped = `$result.SkippedCount + `$result.NotRunCount }
[System.IO.File]::WriteAllText($(ConvertTo-PowerShellLiteral $summaryFile), (ConvertTo-Json -InputObject `$summary))
if (`$failed -gt 0) { exit 1 }
exit 0
"@
    $code = Invoke-ChildShell -Script $script -Environment @{ PORTOUTPASSCODE_CONFIGURATION = $Configuration } -WorkingDirectory $root -TimeoutSec 1800
    if (-not (Test-Path -LiteralPath $summaryFile)) {
        throw [BuildFailure]::new("Pester did not finish (exit code $code): no $summaryFile.", [Math]::Max(1, $code))
    }
    $summary = Get-Content -LiteralPath $summaryFile -Raw | ConvertFrom-Json
    [pscustomobject]@{ Passed = [int]$summary.passed; Failed = [int]$summary.failed; Skipped = [int]$summary.skipped; ExitCode = $code }
}

function Format-Count($Count) {
    $text = "$($Count.Passed) passed, $($Count.Failed) failed"
    if ($Count.Skipped -gt 0) {
        $text += ", $($Count.Skipped) skipped"
    }
    $text
}

function Invoke-Test {
    # Fetched first: without Pester there is no test run, rather than a run that quietly leaves half out.
    $pester = Get-PesterManifest
    if (Test-Path -LiteralPath $testResults) {
        Remove-Item -LiteralPath $testResults -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $testResults -Force

    Write-Step "xunit ($Configuration)"
    $xunitCode = Invoke-NativeCode dotnet @('test', $solution, '--configuration', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx', '--results-directory', $testResults)
    $xunit = Get-XunitCount
    $pesterCount = Invoke-PesterSuites $pester

    $total = [pscustomobject]@{
        Passed  = $xunit.Passed + $pesterCount.Passed
        Failed  = $xunit.Failed + $pesterCount.Failed
        Skipped = $xunit.Skipped + $pesterCount.Skipped
    }
    Write-Host ''
    Write-Host "xunit: $(Format-Count $xunit); Pester: $(Format-Count $pesterCount)"
    Write-Host "Tests: $(Format-Count $total)"
    if ($xunitCode -ne 0) {
        throw [BuildFailure]::new("dotnet test failed with exit code $xunitCode.", $xunitCode)
    }
    if ($pesterCount.ExitCode -ne 0 -or $pesterCount.Failed -gt 0) {
        throw [BuildFailure]::new("Pester: $($pesterCount.Failed) failed.", 1)
    }
    if ($xunit.Passed -eq 0 -or $pesterCount.Passed -eq 0) {
        throw [BuildFailure]::new('No test ran in one of the two runners.', 1)
    }
}

function Invoke-Package {
    Write-Step 'Package'
    $package = New-ModulePackage -ModuleFolder $moduleFolder -DestinationFolder $packageFolder
    Write-Host "Gallery package:         $($package.Nupkg)"
    Write-Host "Azure Automation module: $($package.Zip)"
}

function Invoke-Demo {
    Write-Step 'Demo'
    $emulator = Start-BwEmulator -Configuration $Configuration
    try {
        Write-Host "Bandwidth emulator at $($emulator.BaseUri) (account 9900000, OAuth2 client demo-client)"
        # The module is found by name, as an installed one would be.
        $environment = (Get-BwEmulatorEnvironment $emulator) + @{
            PSModulePath = $outFolder + [System.IO.Path]::PathSeparator + $env:PSModulePath
        }
        $code = Invoke-ChildShell -Script "& $(ConvertTo-PowerShellLiteral $demoScript)" -Environment $environment -WorkingDirectory $root
        if ($code -ne 0) {
            throw [BuildFailure]::new("samples/demo.ps1 failed with exit code $code.", $code)
        }
    }
    finally {
        Stop-BwEmulator $emulator
    }
}

try {
    Assert-DotNet
    if ($Task -contains 'Clean') {
        Invoke-Clean
    }
    if ($Task -contains 'Build' -or $Task -contains 'Test') {
        Invoke-Build
    }
    elseif ($Task -contains 'Package' -or $Task -contains 'Demo') {
        Invoke-Build @($moduleProject, $emulatorProject)
    }
    if ($Task -contains 'Test') {
        Invoke-Test
    }
    if ($Task -contains 'Package') {
        Invoke-Package
    }
    if ($Task -contains 'Demo') {
        Invoke-Demo
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
