# Shared by the Pester suites (dot-source it in BeforeDiscovery and BeforeAll). Runs on Windows PowerShell 5.1
# and PowerShell 7. The module under test is the built folder out/PortOutPasscode: run ./build.ps1 first.

$RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
$ModuleFolder = [System.IO.Path]::Combine($RepoRoot, 'out', 'PortOutPasscode')
$ModuleManifest = [System.IO.Path]::Combine($ModuleFolder, 'PortOutPasscode.psd1')
$SampleCsv = [System.IO.Path]::Combine($RepoRoot, 'samples', 'tns.csv')

$ExpectedCmdlets = @(
    'Connect-BwAccount', 'Disconnect-BwAccount', 'Get-BwConnection', 'Get-BwPortOutPasscode',
    'Get-BwTnOptionOrder', 'Get-BwTnOptionOrderHistory', 'Remove-BwPortOutPasscode', 'Set-BwPortOutPasscode',
    'Wait-BwTnOptionOrder'
)

$BwVariables = @('BW_ACCOUNT_ID', 'BW_USERNAME', 'BW_PASSWORD', 'BW_CLIENT_ID', 'BW_CLIENT_SECRET', 'BW_API_BASE_URI')

# The built module folder first on the module path, as an installed module would be (about_ topics included).
$separator = [System.IO.Path]::PathSeparator
$outFolder = [System.IO.Path]::Combine($RepoRoot, 'out')
if (-not (($env:PSModulePath -split [regex]::Escape($separator)) -contains $outFolder)) {
    $env:PSModulePath = $outFolder + $separator + $env:PSModulePath
}

function Import-ModuleUnderTest {
    if (-not (Test-Path -LiteralPath $ModuleManifest)) {
        throw "The module is not built: $ModuleManifest is missing. Run ./build.ps1 first."
    }
    Import-Module -Name $ModuleManifest -ErrorAction Stop
}

function New-TestCredential([string] $UserName, [string] $Secret) {
    $secure = (New-Object -TypeName System.Net.NetworkCredential -ArgumentList '', $Secret).SecurePassword
    New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $UserName, $secure
}

function Save-BwEnvironment {
    $saved = @{}
    foreach ($name in $BwVariables) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $saved
}

function Clear-BwEnvironment {
    foreach ($name in $BwVariables) {
        [Environment]::SetEnvironmentVariable($name, $null)
    }
}

function Restore-BwEnvironment([hashtable] $Saved) {
    foreach ($name in $BwVariables) {
        [Environment]::SetEnvironmentVariable($name, $Saved[$name])
    }
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

# Starts the Bandwidth API emulator as a user would (dotnet run … -- --port 0) and waits for its line
# "Bandwidth API emulator listening on <uri>" (docs/EMULATOR-ADMIN.md).
function Start-BwEmulator {
    param([int] $TimeoutSec = 300)

    $project = [System.IO.Path]::Combine($RepoRoot, 'src', 'PortOutPasscode.Emulator')
    $logs = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'bw-emulator-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $logs -Force
    $stdout = [System.IO.Path]::Combine($logs, 'stdout.txt')
    $stderr = [System.IO.Path]::Combine($logs, 'stderr.txt')

    $arguments = @('run', '--project', "`"$project`"")
    if ($env:PORTOUTPASSCODE_CONFIGURATION) {
        # The configuration build.ps1 built: dotnet run then finds the emulator up to date.
        $arguments += @('--configuration', $env:PORTOUTPASSCODE_CONFIGURATION)
    }
    $arguments += @('--', '--port', '0')
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
        Start-Sleep -Milliseconds 250
    }
    Stop-BwEmulator ([pscustomobject]@{ Process = $process })
    throw "The emulator did not print '$prefix<uri>' within $TimeoutSec s.`n$(Read-SharedFile $stdout)`n$(Read-SharedFile $stderr)"
}

function Stop-BwEmulator($Emulator) {
    if (-not $Emulator -or -not $Emulator.Process) {
        return
    }
    $process = $Emulator.Process
    if (-not $process.HasExited) {
        # dotnet run starts the emulator as its child: end the whole tree.
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $process.Kill($true)
        }
        else {
            $null = & taskkill.exe /PID $process.Id /T /F
        }
        $null = $process.WaitForExit(10000)
    }
}

# The emulator's admin API (no authentication, loopback only).
function Invoke-EmulatorAdmin {
    param($Emulator, [string] $Method, [string] $Path, $Body)
    $parameters = @{
        Uri             = [uri]::new($Emulator.RootUri, $Path)
        Method          = $Method
        UseBasicParsing = $true
    }
    if ($null -ne $Body) {
        $parameters.Body = $Body | ConvertTo-Json -Compress
        $parameters.ContentType = 'application/json'
    }
    $answer = Invoke-RestMethod @parameters
    # One object per JSON array item on both editions.
    foreach ($item in $answer) {
        $item
    }
}

function Reset-BwEmulator($Emulator) {
    Invoke-EmulatorAdmin $Emulator 'POST' '/_emulator/reset'
    Invoke-EmulatorAdmin $Emulator 'PUT' '/_emulator/settings' @{ receivedMs = 50; processingMs = 100 }
}

# A winning carrier's port-out request for the number with this PIN: Status 200 (ACCEPTED) or 409 (REJECTED, 7610).
function Invoke-BwPortOut($Emulator, [string] $TelephoneNumber, [string] $Pin) {
    Add-Type -AssemblyName System.Net.Http
    $client = New-Object -TypeName System.Net.Http.HttpClient
    try {
        $json = @{ telephoneNumber = $TelephoneNumber; pin = $Pin } | ConvertTo-Json -Compress
        $content = New-Object -TypeName System.Net.Http.StringContent -ArgumentList $json, ([System.Text.Encoding]::UTF8), 'application/json'
        $response = $client.PostAsync([uri]::new($Emulator.RootUri, '/_emulator/portouts'), $content).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = $text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}
