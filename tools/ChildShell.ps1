# Fresh PowerShell processes of the same edition and version as the one running this script: build.ps1 runs
# the Pester suites and the demo in one, the suites run installed-module and prompt checks in them.
# Dot-source it. Runs on Windows PowerShell 5.1 and PowerShell 7.

# The program and leading arguments that start this PowerShell again, found from $PSHOME. The process path
# would be wrong under the PowerShell .NET tool, where it is dotnet itself.
function Get-ChildShell {
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        return [pscustomobject]@{ FilePath = [System.IO.Path]::Combine($PSHOME, 'powershell.exe'); Arguments = @() }
    }
    $engine = [System.IO.Path]::Combine($PSHOME, 'pwsh.dll')
    if (Test-Path -LiteralPath ([System.IO.Path]::Combine($PSHOME, 'Microsoft.PowerShell.GlobalTool.Shim.dll'))) {
        # The .NET tool (dotnet pwsh): its engine runs on the machine's .NET, started the way the tool's shim does.
        $dotnet = [System.Environment]::ProcessPath
        if (-not $dotnet -or [System.IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') {
            $dotnet = 'dotnet'
        }
        return [pscustomobject]@{ FilePath = $dotnet; Arguments = @($engine) }
    }
    $name = 'pwsh'
    if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        $name = 'pwsh.exe'
    }
    [pscustomobject]@{ FilePath = [System.IO.Path]::Combine($PSHOME, $name); Arguments = @() }
}

# One argument as the C runtime and .NET split a command line (backslashes doubled only before a quote).
function ConvertTo-CommandLineArgument([string] $Value) {
    if ($Value -and $Value -notmatch '[\s"]') {
        return $Value
    }
    '"' + ($Value -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"'
}

<#
Runs a script in a fresh PowerShell (-NoProfile, -OutputFormat Text) and waits for it.
-Environment adds or replaces variables for that process only (a $null value removes one). -Capture collects
standard output and error (without colour) instead of letting them through to this console; -InputText is typed at its
prompts (and makes it interactive: -NonInteractive is left out). Returns the exit code, or with -Capture an
object with ExitCode, Output and Errors.
#>
function Invoke-ChildShell {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [switch] $Capture,
        [string] $InputText,
        [int] $TimeoutSec = 600,
        [string] $WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
    )
    $shell = Get-ChildShell
    # -EncodedCommand: no quoting rule of either edition can bend the script on its way.
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
    $arguments = @($shell.Arguments) + @('-NoProfile')
    if (-not $PSBoundParameters.ContainsKey('InputText')) {
        $arguments += '-NonInteractive'
    }
    $arguments += @('-ExecutionPolicy', 'Bypass', '-OutputFormat', 'Text', '-EncodedCommand', $encoded)

    $start = New-Object -TypeName System.Diagnostics.ProcessStartInfo
    $start.FileName = $shell.FilePath
    $start.Arguments = (@($arguments | ForEach-Object { ConvertTo-CommandLineArgument $_ })) -join ' '
    $start.UseShellExecute = $false
    $start.WorkingDirectory = $WorkingDirectory
    $start.RedirectStandardOutput = [bool]$Capture
    $start.RedirectStandardError = [bool]$Capture
    $start.RedirectStandardInput = $PSBoundParameters.ContainsKey('InputText')
    if ($Capture) {
        # Captured text is read by a program: no colour codes in it.
        $start.EnvironmentVariables['NO_COLOR'] = '1'
    }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) {
            $null = $start.EnvironmentVariables.Remove($name)
        }
        else {
            $start.EnvironmentVariables[$name] = [string]$Environment[$name]
        }
    }

    $process = [System.Diagnostics.Process]::Start($start)
    try {
        if ($Capture) {
            $output = $process.StandardOutput.ReadToEndAsync()
            $errors = $process.StandardError.ReadToEndAsync()
        }
        if ($start.RedirectStandardInput) {
            $process.StandardInput.Write($InputText)
            $process.StandardInput.Close()
        }
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill()
            throw "The child PowerShell did not finish within $TimeoutSec s and was stopped."
        }
        $process.WaitForExit()
        if (-not $Capture) {
            return $process.ExitCode
        }
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $output.GetAwaiter().GetResult()
            Errors   = $errors.GetAwaiter().GetResult()
        }
    }
    finally {
        $process.Dispose()
    }
}

# A string as a single-quoted PowerShell literal, to write values into a script for Invoke-ChildShell.
function ConvertTo-PowerShellLiteral([string] $Value) {
    "'" + ($Value -replace "'", "''") + "'"
}
