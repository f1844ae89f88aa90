<#
.SYNOPSIS
    Writes the module's MAML help (module/en-US/PortOutPasscode.dll-Help.xml) from docs/help/*.md and the cmdlets' own
    metadata.

.DESCRIPTION
    What a person writes lives in docs/help/<Cmdlet>.md: synopsis, description, examples, a description and default
    for each parameter, inputs, outputs, notes and links. What the cmdlet already says (parameter sets, types,
    positions, mandatory, pipeline input, aliases) is read from the built module itself, so the help can never
    disagree with the code. platyPS does this for most modules; it cannot be installed here, and this is all of it
    that the module needs.

    The markdown is a small fixed shape:
        # Name
        ## SYNOPSIS / ## DESCRIPTION / ## NOTES      paragraphs, separated by blank lines
        ## EXAMPLES      ### Title, a ```powershell block, then remark paragraphs
        ## PARAMETERS    ### -Name, paragraphs, and one "Default: ..." line
        ## INPUTS / ## OUTPUTS    ### Type, then paragraphs
        ## RELATED LINKS - Name, or - Text <https://...>

    A cmdlet without a file, a file without its cmdlet, or a parameter without a description or default fails the
    script. With -Check nothing is written: the exit code says whether the committed help is up to date (the test
    suite runs it so).

.EXAMPLE
    dotnet pwsh ./tools/Build-Help.ps1

    After a change to a cmdlet or to docs/help: rewrites the help file, to commit with the change.
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = [System.IO.Path]::Combine($PSScriptRoot, '..', 'out', 'PortOutPasscode', 'PortOutPasscode.psd1'),
    [string] $Source = [System.IO.Path]::Combine($PSScriptRoot, '..', 'docs', 'help'),
    [string] $Output = [System.IO.Path]::Combine($PSScriptRoot, '..', 'module', 'en-US', 'PortOutPasscode.dll-Help.xml'),
    [switch] $Check
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

# ---------------------------------------------------------------- the markdown

function Split-Paragraphs([string[]] $Lines) {
    $paragraphs = New-Object 'System.Collections.Generic.List[string]'
    $current = New-Object 'System.Collections.Generic.List[string]'
    foreach ($line in $Lines + '') {
        if ($line.Trim().Length -eq 0) {
            if ($current.Count -gt 0) { $paragraphs.Add(($current -join "`n")); $current.Clear() }
        }
        else { $current.Add($line.TrimEnd()) }
    }
    , $paragraphs.ToArray()
}

# Sections (## NAME) and their subsections (### Title) of one file, as line arrays.
function Read-HelpSource([string] $Path) {
    $lines = [System.IO.File]::ReadAllLines($Path)
    $name = ($lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1) -replace '^# ', ''
    $sections = [ordered]@{}
    $section = $null
    $sub = $null
    $inCode = $false
    foreach ($line in $lines) {
        if ($line -match '^```') { $inCode = -not $inCode }
        if (-not $inCode -and $line -match '^## (.+)$') {
            $section = [ordered]@{ Lines = New-Object 'System.Collections.Generic.List[string]'; Subsections = New-Object System.Collections.ArrayList }
            $sections[$Matches[1].Trim()] = $section
            $sub = $null
            continue
        }
        if (-not $inCode -and $line -match '^### (.+)$' -and $null -ne $section) {
            $sub = [pscustomobject]@{ Title = $Matches[1].Trim(); Lines = New-Object 'System.Collections.Generic.List[string]' }
            [void]$section.Subsections.Add($sub)
            continue
        }
        if ($null -eq $section) { continue }
        if ($null -ne $sub) { $sub.Lines.Add($line) } else { $section.Lines.Add($line) }
    }
    [pscustomobject]@{ Name = $name.Trim(); Sections = $sections; Path = $Path }
}

function Get-Section($Help, [string] $Name, [switch] $Required) {
    if ($Help.Sections.Contains($Name)) { return $Help.Sections[$Name] }
    if ($Required) { throw "$($Help.Path): no '## $Name' section." }
    $null
}

# An example's code (the fenced block) and its remarks (the paragraphs after it).
function Split-Example($Subsection) {
    $code = New-Object 'System.Collections.Generic.List[string]'
    $rest = New-Object 'System.Collections.Generic.List[string]'
    $state = 'before'
    foreach ($line in $Subsection.Lines) {
        if ($line -match '^```') {
            $state = if ($state -eq 'before') { 'code' } else { 'after' }
            continue
        }
        if ($state -eq 'code') { $code.Add($line) } elseif ($state -eq 'after') { $rest.Add($line) }
    }
    [pscustomobject]@{ Code = ($code -join "`n").TrimEnd(); Remarks = Split-Paragraphs $rest.ToArray() }
}

# ---------------------------------------------------------------- the MAML

function Write-Paragraphs([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $maml, $paragraph) }
}

function Write-Description([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $maml)
    Write-Paragraphs $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Get-PipelineText($Sets) {
    $kinds = @()
    if ($Sets | Where-Object { $_.ValueFromPipeline }) { $kinds += 'ByValue' }
    if ($Sets | Where-Object { $_.ValueFromPipelineByPropertyName }) { $kinds += 'ByPropertyName' }
    if ($kinds.Count -eq 0) { 'False' } else { "True ($($kinds -join ', '))" }
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, [string] $Required, [string] $Position, [string] $Pipeline, $Text, [switch] $InSyntax) {
    $Writer.WriteStartElement('command', 'parameter', $command)
    $Writer.WriteAttributeString('required', $Required)
    $Writer.WriteAttributeString('variableLength', 'false')
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', $Pipeline)
    $Writer.WriteAttributeString('position', $Position)
    $aliases = @($Parameter.Aliases)
    $Writer.WriteAttributeString('aliases', $(if ($aliases.Count -gt 0) { $aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Write-Description $Writer $Text.Paragraphs
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    if (-not $isSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Parameter.ParameterType.Name)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $dev)
    $Writer.WriteElementString('maml', 'name', $maml, $Parameter.ParameterType.Name)
    $Writer.WriteElementString('maml', 'uri', $maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $dev, $Text.Default)
    $Writer.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $List, [string] $Item, $Section) {
    $Writer.WriteStartElement('command', $List, $command)
    foreach ($type in @($Section.Subsections)) {
        $Writer.WriteStartElement('command', $Item, $command)
        $Writer.WriteStartElement('dev', 'type', $dev)
        $Writer.WriteElementString('maml', 'name', $maml, $type.Title)
        $Writer.WriteElementString('maml', 'uri', $maml, '')
        $Writer.WriteEndElement()
        Write-Description $Writer (Split-Paragraphs $type.Lines.ToArray())
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, $Help, [System.Management.Automation.CmdletInfo] $Info) {
    $name = $Info.Name
    $verb, $noun = $name -split '-', 2

    # Each parameter's words, and the checks that none is missing.
    $texts = @{}
    $documented = @{}
    foreach ($sub in @((Get-Section $Help 'PARAMETERS' -Required).Subsections)) {
        $parameterName = $sub.Title -replace '^-', ''
        $default = $null
        $lines = foreach ($line in $sub.Lines) {
            if ($line -match '^Default: (.*)$') { $default = $Matches[1].Trim() } else { $line }
        }
        $paragraphs = Split-Paragraphs @($lines)
        if ($paragraphs.Count -eq 0) { throw "$($Help.Path): -$parameterName has no description." }
        if ([string]::IsNullOrWhiteSpace($default)) { throw "$($Help.Path): -$parameterName has no 'Default:' line." }
        $texts[$parameterName] = [pscustomobject]@{ Paragraphs = $paragraphs; Default = $default }
        $documented[$parameterName] = $true
    }
    $parameters = @($Info.Parameters.Values | Where-Object { $commonParameters -notcontains $_.Name } | Sort-Object -Property Name)
    foreach ($parameter in $parameters) {
        if (-not $texts.ContainsKey($parameter.Name)) { throw "$($Help.Path): the cmdlet has -$($parameter.Name), the help does not." }
        $documented.Remove($parameter.Name)
    }
    if ($documented.Count -gt 0) { throw "$($Help.Path): documents -$(@($documented.Keys) -join ', -'), which the cmdlet does not have." }

    $Writer.WriteStartElement('command', 'command', $command)
    $Writer.WriteAttributeString('xmlns', 'maml', 'http://www.w3.org/2000/xmlns/', $maml)
    $Writer.WriteAttributeString('xmlns', 'dev', 'http://www.w3.org/2000/xmlns/', $dev)

    $Writer.WriteStartElement('command', 'details', $command)
    $Writer.WriteElementString('command', 'name', $command, $name)
    $Writer.WriteElementString('command', 'verb', $command, $verb)
    $Writer.WriteElementString('command', 'noun', $command, $noun)
    Write-Description $Writer (Split-Paragraphs (Get-Section $Help 'SYNOPSIS' -Required).Lines.ToArray())
    $Writer.WriteEndElement()
    Write-Description $Writer (Split-Paragraphs (Get-Section $Help 'DESCRIPTION' -Required).Lines.ToArray())

    # One syntax item per parameter set, in the cmdlet's own order, the default set first.
    $Writer.WriteStartElement('command', 'syntax', $command)
    $sets = @($Info.ParameterSets | Sort-Object -Property @{ Expression = { -not $_.IsDefault } })
    foreach ($set in $sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $command)
        $Writer.WriteElementString('maml', 'name', $maml, $name)
        $inSet = @($set.Parameters | Where-Object { $commonParameters -notcontains $_.Name } |
            Sort-Object -Property @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, Name)
        foreach ($p in $inSet) {
            $position = if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }
            $pipeline = Get-PipelineText @($p)
            $metadata = $Info.Parameters[$p.Name]
            Write-Parameter $Writer $metadata "$($p.IsMandatory)".ToLowerInvariant() $position $pipeline $texts[$p.Name]
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Every parameter once, with what holds across its sets.
    $Writer.WriteStartElement('command', 'parameters', $command)
    foreach ($parameter in $parameters) {
        $inSets = @($parameter.ParameterSets.Values)
        $required = if ($inSets | Where-Object { $_.IsMandatory }) { 'true' } else { 'false' }
        $positions = @($inSets | ForEach-Object { $_.Position } | Sort-Object -Unique)
        $position = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { "$($positions[0])" } else { 'named' }
        Write-Parameter $Writer $parameter $required $position (Get-PipelineText $inSets) $texts[$parameter.Name]
    }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' (Get-Section $Help 'INPUTS' -Required)
    Write-TypeList $Writer 'returnValues' 'returnValue' (Get-Section $Help 'OUTPUTS' -Required)

    $notes = Get-Section $Help 'NOTES'
    if ($null -ne $notes) {
        $Writer.WriteStartElement('maml', 'alertSet', $maml)
        $Writer.WriteStartElement('maml', 'alert', $maml)
        Write-Paragraphs $Writer (Split-Paragraphs $notes.Lines.ToArray())
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $command)
    $number = 0
    foreach ($sub in @((Get-Section $Help 'EXAMPLES' -Required).Subsections)) {
        $number++
        $example = Split-Example $sub
        if ([string]::IsNullOrWhiteSpace($example.Code)) { throw "$($Help.Path): the example '$($sub.Title)' has no code." }
        $Writer.WriteStartElement('command', 'example', $command)
        $Writer.WriteElementString('maml', 'title', $maml, "-------------------------- Example ${number}: $($sub.Title) --------------------------")
        $Writer.WriteElementString('dev', 'code', $dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $dev)
        Write-Paragraphs $Writer $example.Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $command)
    foreach ($line in @((Get-Section $Help 'RELATED LINKS' -Required).Lines)) {
        if ($line -notmatch '^- (.+?)(?: <(.+)>)?\s*$') { continue }
        $Writer.WriteStartElement('maml', 'navigationLink', $maml)
        $Writer.WriteElementString('maml', 'linkText', $maml, $Matches[1])
        $Writer.WriteElementString('maml', 'uri', $maml, $(if ($Matches.Count -gt 2) { $Matches[2] } else { '' }))
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

# ---------------------------------------------------------------- run

$module = Import-Module -Name $ModuleManifest -PassThru -Force
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object -Property Name)
$sources = @{}
foreach ($file in Get-ChildItem -LiteralPath $Source -Filter '*.md') {
    $help = Read-HelpSource $file.FullName
    $sources[$help.Name] = $help
}
foreach ($cmdlet in $cmdlets) {
    if (-not $sources.ContainsKey($cmdlet.Name)) { throw "docs/help has no $($cmdlet.Name).md." }
}
foreach ($name in $sources.Keys) {
    if (-not ($cmdlets | Where-Object { $_.Name -eq $name })) { throw "docs/help/$name.md documents a cmdlet the module does not export." }
}

$settings = New-Object System.Xml.XmlWriterSettings
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$settings.NewLineChars = "`n"
$buffer = New-Object System.IO.MemoryStream
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartDocument()
$writer.WriteComment(' Generated by tools/Build-Help.ps1 from docs/help/*.md and the cmdlets themselves: edit those, not this. ')
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
foreach ($cmdlet in $cmdlets) { Write-Command $writer $sources[$cmdlet.Name] $cmdlet }
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Flush()
$text = (New-Object System.Text.UTF8Encoding($false)).GetString($buffer.ToArray()) + "`n"

$existing = if (Test-Path -LiteralPath $Output) { [System.IO.File]::ReadAllText($Output) } else { '' }
if ($Check) {
    if ($existing -ne $text) {
        Write-Error "$Output is not what docs/help and the cmdlets say now: run tools/Build-Help.ps1 and commit the result." -ErrorAction Continue
        exit 1
    }
    'The help is up to date.'
    exit 0
}
[System.IO.File]::WriteAllText($Output, $text, (New-Object System.Text.UTF8Encoding($false)))
"Wrote $Output ($($cmdlets.Count) cmdlets)."
