# The Bandwidth API emulator as a process of its own, as a user starts it, for build.ps1's demo and the Pester
# suites: start it on a free port, wait for its "listening" line, talk to its admin API, stop it.
# Dot-source it. Runs on Windows PowerShell 5.1 and PowerShell 7. The contract: docs/EMULATOR-ADMIN.md.

$script:EmulatorRepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..'))

# The built emulator: of -Configuration, else of the configuration build.ps1 is building
# (PORTOUTPASSCODE_CONFIGURATION), else the newest of Debug and Release.
function Get-BwEmulatorAssembly([string] $Configuration) {
    if (-not $Configuration) {
        $Configuration = $env:PORTOUTPASSCODE_CONFIGURATION
    }
    $configurations = @('Debug', 'Release')
    if ($Configuration) {
        $configurations = @($Configuration)
    }
    $built = @(@(foreach ($name in $configurations) {
                $path = [System.IO.Path]::Combine($script:EmulatorRepoRoot, 'src', 'PortOutPasscode.Emulator', 'bin', $name, 'net10.0', 'PortOutPasscode.Emulator.dll')
                if (Test-Path -LiteralPath $path) {
                    Get-Item -LiteralPath $path
                }
            }) | Sort-Object -Property LastWriteTimeUtc -Descending)
    if ($built.Count -eq 0) {
        throw "The emulator is not built ($($configurations -join ' or ')): run ./build.ps1 (or dotnet build) first."
    }
    $built[0].FullName
}

# Reads a file another process is still writing.
function Read-SharedFile([string] $Path) {
    if (-not (Test-Path -LiteralPath $Path)) {
        return ''
    }
    $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
    try {
        $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList $stream
        $reader.ReadToEnd()
    }
    finally {
        $stream.Dispose()
    }
}

# Starts the emulator on a free loopback port (--port 0) and waits for the line
# "Bandwidth API emulator listening on <uri>". Extra emulator arguments (--Emulator:ReceivedMs=50…) may follow.
function Start-BwEmulator {
    param([string] $Configuration, [string[]] $ArgumentList = @(), [int] $TimeoutSec = 120)

    $assembly = Get-BwEmulatorAssembly $Configuration
    $logs = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'bw-emulator-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $logs -Force
    $stdout = [System.IO.Path]::Combine($logs, 'stdout.txt')
    $stderr = [System.IO.Path]::Combine($logs, 'stderr.txt')
    $arguments = @("`"$assembly`"", '--port', '0') + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -RedirectStandardOutput $stdout `
        -RedirectStandardError $stderr -PassThru -NoNewWindow

    $prefix = 'Bandwidth API emulator listening on '
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = (Read-SharedFile $stdout) -split "`r?`n" | Where-Object { $_.StartsWith($prefix) } | Select-Object -First 1
        if ($line) {
            $baseUri = [uri]$line.Substring($prefix.Length).Trim()
            return [pscustomobject]@{
                Process = $process
                BaseUri = $baseUri
                RootUri = [uri]$baseUri.GetLeftPart([System.UriPartial]::Authority)
                Logs    = $logs
            }
        }
        if ($process.HasExited) {
            throw "The emulator ended before it listened.`n$(Read-SharedFile $stdout)`n$(Read-SharedFile $stderr)"
        }
        Start-Sleep -Milliseconds 100
    }
    Stop-BwEmulator ([pscustomobject]@{ Process = $process; Logs = $logs })
    throw "The emulator did not print '$prefix<uri>' within $TimeoutSec s.`n$(Read-SharedFile $stdout)`n$(Read-SharedFile $stderr)"
}

function Stop-BwEmulator($Emulator) {
    if (-not $Emulator -or -not $Emulator.Process) {
        return
    }
    $process = $Emulator.Process
    if (-not $process.HasExited) {
        $process.Kill()
        $null = $process.WaitForExit(10000)
    }
    if ($Emulator.Logs -and (Test-Path -LiteralPath $Emulator.Logs)) {
        Remove-Item -LiteralPath $Emulator.Logs -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# The emulator's admin API (no authentication, loopback only): one object per item of a JSON array.
function Invoke-EmulatorAdmin {
    param($Emulator, [string] $Method, [string] $Path, $Body)
    $parameters = @{
        Uri             = [uri]::new($Emulator.RootUri, $Path)
        Method          = $Method
        UseBasicParsing = $true
    }
    if ($null -ne $Body) {
        $parameters.Body = $Body | ConvertTo-Json -Compress -Depth 5
        $parameters.ContentType = 'application/json'
    }
    $answer = Invoke-RestMethod @parameters
    foreach ($item in $answer) {
        $item
    }
}

# Back to the start state, with orders that finish in 150 ms so that waiting runs stay short.
function Reset-BwEmulator($Emulator) {
    $null = Invoke-EmulatorAdmin $Emulator 'POST' '/_emulator/reset'
    $null = Invoke-EmulatorAdmin $Emulator 'PUT' '/_emulator/settings' @{ receivedMs = 50; processingMs = 100 }
}

# What a runbook has, pointing at this emulator: Connect-BwAccount with no parameters reads these. The demo
# OAuth2 client is the emulator's documented one, not a secret; OAuth2 because Bandwidth retires API users.
function Get-BwEmulatorEnvironment($Emulator) {
    @{
        BW_ACCOUNT_ID    = '9900000'
        BW_CLIENT_ID     = 'demo-client'
        BW_CLIENT_SECRET = 'demo-secret'
        BW_API_BASE_URI  = "$($Emulator.BaseUri)"
        BW_USERNAME      = $null
        BW_PASSWORD      = $null
    }
}
