#!/usr/bin/env pwsh

<#
.SYNOPSIS
    Bloom.Toolkit build entry point (Linux, macOS and Windows).

.DESCRIPTION
    dotnet tool restore            # once: installs the pinned PowerShell local tool (dotnet-tools.json)
    dotnet pwsh build.ps1 [target] [-Configuration Release] [-Solution path] [extra args...]

    Targets:
      build   (default) dotnet build <solution> -c <Configuration>
      test    build, then dotnet test <solution> --no-build with a TRX logger into TestResults/;
              sums the TRX counters and prints "N passed, N failed, N skipped" as the last line.
              Exits non-zero if the build failed, dotnet test failed, any test failed, or no test ran.
      sample  dotnet run --project samples/Bloom.Samples.Ordering
      bench   dotnet run --project benchmarks/Bloom.Benchmarks -- <extra args>   (e.g. --tier A)
      pack    dotnet pack every packable project under src/ into artifacts/packages

    Extra arguments after the target go to the underlying dotnet command: to dotnet build / dotnet test /
    dotnet pack for build / test / pack, and to the program (after "--") for sample / bench.
    Write them straight after the target: `dotnet pwsh build.ps1 bench --tier A`. A bare "--" separator
    works only inside a PowerShell session (`./build.ps1 bench -- --tier A`); `pwsh -File` rejects it.

.EXAMPLE
    dotnet pwsh build.ps1 test --filter "FullyQualifiedName~ValueObject"
.EXAMPLE
    dotnet pwsh build.ps1 bench --tier A
#>
[CmdletBinding(PositionalBinding = $false)]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'sample', 'bench', 'pack')]
    [string] $Target = 'build',

    [string] $Configuration = 'Release',

    # Solution for build/test. Defaults to $env:SOLUTION, else Bloom.Toolkit.sln (relative to this script's folder).
    [string] $Solution = $(if ($env:SOLUTION) { $env:SOLUTION } else { 'Bloom.Toolkit.sln' }),

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $ExtraArgs = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'   # covers cmdlets only; native commands are checked via $LASTEXITCODE
Set-Location -LiteralPath $PSScriptRoot

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

if ($null -eq $ExtraArgs) { $ExtraArgs = @() }
# A leading "--" only separates our parameters from the pass-through ones; drop it if it got through.
if ($ExtraArgs.Count -gt 0 -and $ExtraArgs[0] -eq '--') { $ExtraArgs = @($ExtraArgs | Select-Object -Skip 1) }

$ResultsDirectory = Join-Path $PSScriptRoot 'TestResults'
$PackagesDirectory = Join-Path (Join-Path $PSScriptRoot 'artifacts') 'packages'

function Invoke-Dotnet {
    # Runs dotnet with the given arguments. Returns nothing; the caller checks $LASTEXITCODE.
    param([Parameter(Mandatory)][string[]] $Arguments)
    Write-Host ">> dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
}

function Stop-WithError([string] $Message, [int] $Code = 1) {
    Write-Host $Message -ForegroundColor Red
    exit $Code
}

function Invoke-Build([string[]] $MoreArgs = @()) {
    Invoke-Dotnet (@('build', $Solution, '-c', $Configuration) + $MoreArgs)
}

function Invoke-Test {
    Invoke-Build
    if ($LASTEXITCODE -ne 0) {
        Write-Output 'build FAILED'
        Write-Output '0 passed, 1 failed'
        exit 1
    }

    if (Test-Path -LiteralPath $ResultsDirectory) { Remove-Item -LiteralPath $ResultsDirectory -Recurse -Force }
    Invoke-Dotnet (@('test', $Solution, '--no-build', '-c', $Configuration,
            '--logger', 'trx', '--results-directory', $ResultsDirectory) + $ExtraArgs)
    $testExit = $LASTEXITCODE

    $passed = 0; $failed = 0; $skipped = 0; $executed = 0
    $trxFiles = @()
    if (Test-Path -LiteralPath $ResultsDirectory) {
        $trxFiles = @(Get-ChildItem -LiteralPath $ResultsDirectory -Recurse -File -Filter '*.trx')
    }
    foreach ($trx in $trxFiles) {
        # -LiteralPath: TRX names can contain "[1]", which plain -Path would treat as a wildcard.
        [xml] $doc = Get-Content -LiteralPath $trx.FullName -Raw
        $c = $doc.TestRun.ResultSummary.Counters
        $n = { param($name) $a = $c.GetAttribute($name); if ($a) { [int]$a } else { 0 } }
        $passed += & $n 'passed'
        $failed += (& $n 'failed') + (& $n 'error') + (& $n 'timeout') + (& $n 'aborted')
        $skipped += (& $n 'total') - (& $n 'executed')
        $executed += & $n 'executed'
    }

    $status = 0
    if ($testExit -ne 0 -or $failed -ne 0 -or $trxFiles.Count -eq 0 -or $executed -eq 0 -or ($passed + $failed) -eq 0) {
        Write-Output "tests FAILED (dotnet test exit $testExit, $($trxFiles.Count) trx file(s), $executed test(s) executed)"
        $status = 1
    }
    Write-Output "$passed passed, $failed failed, $skipped skipped"   # keep this the last line
    exit $status
}

switch ($Target) {
    'build' {
        Invoke-Build $ExtraArgs
        if ($LASTEXITCODE -ne 0) { Stop-WithError 'build FAILED' }
    }
    'test' {
        Invoke-Test
    }
    'sample' {
        Invoke-Dotnet (@('run', '-c', $Configuration, '--project', 'samples/Bloom.Samples.Ordering', '--') + $ExtraArgs)
        if ($LASTEXITCODE -ne 0) { Stop-WithError "sample FAILED (exit $LASTEXITCODE)" }
    }
    'bench' {
        Invoke-Dotnet (@('run', '-c', $Configuration, '--project', 'benchmarks/Bloom.Benchmarks', '--') + $ExtraArgs)
        if ($LASTEXITCODE -ne 0) { Stop-WithError "bench FAILED (exit $LASTEXITCODE)" }
    }
    'pack' {
        # Every project under src/; projects with IsPackable=false are skipped by dotnet pack itself.
        $projects = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'src') -Recurse -File -Filter '*.csproj' | Sort-Object FullName)
        if ($projects.Count -eq 0) { Stop-WithError 'pack FAILED: no project under src/' }
        foreach ($project in $projects) {
            Invoke-Dotnet (@('pack', $project.FullName, '-c', $Configuration, '-o', $PackagesDirectory) + $ExtraArgs)
            if ($LASTEXITCODE -ne 0) { Stop-WithError "pack FAILED: $($project.Name) (exit $LASTEXITCODE)" }
        }
        Write-Output "packages in $PackagesDirectory"
    }
}
exit 0
