# Windows agent of the winrm-credssp file transfer protocol (see FileTransfer's Javadoc for the frames and the
# conversation). Behaves exactly like agent.py. Started by a bootstrap that read this script from the raw stdin stream
# and invoked it with that stream; frames are read from it and written to the raw stdout stream, so no PowerShell
# formatting or code page ever touches the bytes. Windows PowerShell 3.0+ (.NET 4.5+).
param([IO.Stream]$In)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Out = [Console]::OpenStandardOutput()
$Utf8 = New-Object Text.UTF8Encoding($false, $true)
$MaxPayload = 16MB
$ReadSize = 65536

# The reason, entry index and path of the failure being thrown (PowerShell 3 has no classes to carry them).
$script:Failure = $null

function Fail([string]$reason, [int]$index, [string]$where, [string]$message) {
    $script:Failure = @{ Reason = $reason; Index = $index; Where = $where }
    throw $message
}

function Read-Exact([int]$n) {
    $buffer = New-Object byte[] $n
    $offset = 0
    while ($offset -lt $n) {
        $read = $In.Read($buffer, $offset, $n - $offset)
        if ($read -le 0) { Fail 'PROTOCOL' -1 '' 'stdin ended inside a frame' }
        $offset += $read
    }
    return ,$buffer
}

function Read-Frame {
    $header = New-Object byte[] 5
    $offset = 0
    while ($offset -lt 5) {
        $read = $In.Read($header, $offset, 5 - $offset)
        if ($read -le 0) {
            if ($offset -eq 0) { return $null }
            Fail 'PROTOCOL' -1 '' 'stdin ended inside a frame header'
        }
        $offset += $read
    }
    $length = ([long]$header[1] -shl 24) -bor ([long]$header[2] -shl 16) -bor ([long]$header[3] -shl 8) -bor [long]$header[4]
    if ($length -gt $MaxPayload) { Fail 'PROTOCOL' -1 '' "frame of $length bytes is over the limit" }
    return @{ Type = [char]$header[0]; Payload = (Read-Exact ([int]$length)) }
}

function Write-Frame([char]$type, [byte[]]$payload, [int]$count) {
    $header = [byte[]]@([byte]$type, [byte](($count -shr 24) -band 255), [byte](($count -shr 16) -band 255),
        [byte](($count -shr 8) -band 255), [byte]($count -band 255))
    $Out.Write($header, 0, 5)
    if ($count -gt 0) { $Out.Write($payload, 0, $count) }
    $Out.Flush()
}

function Write-Text([char]$type, [string]$text) {
    $bytes = $Utf8.GetBytes($text)
    Write-Frame $type $bytes $bytes.Length
}

function Get-Hex([byte[]]$hash) { return [BitConverter]::ToString($hash).Replace('-', '').ToLowerInvariant() }

function Get-Reason($failure) {
    $e = $failure
    if ($e -is [Management.Automation.ErrorRecord]) { $e = $e.Exception }
    while (($e -is [Management.Automation.MethodInvocationException] -or $e -is [Management.Automation.RuntimeException]) -and $e.InnerException) { $e = $e.InnerException }
    if ($e -is [UnauthorizedAccessException] -or $e -is [Security.SecurityException]) { return 'PERMISSION_DENIED' }
    if ($e -is [IO.PathTooLongException]) { return 'PATH_TOO_LONG' }
    if ($e -is [IO.FileNotFoundException] -or $e -is [IO.DirectoryNotFoundException]) { return 'NOT_FOUND' }
    if ($e -is [IO.IOException]) {
        switch ($e.HResult -band 0xFFFF) {
            5 { return 'PERMISSION_DENIED' }      # ERROR_ACCESS_DENIED
            39 { return 'DISK_FULL' }             # ERROR_HANDLE_DISK_FULL
            112 { return 'DISK_FULL' }            # ERROR_DISK_FULL
            32 { return 'FILE_IN_USE' }           # ERROR_SHARING_VIOLATION
            33 { return 'FILE_IN_USE' }           # ERROR_LOCK_VIOLATION
            1175 { return 'FILE_IN_USE' }         # ERROR_UNABLE_TO_REMOVE_REPLACED: File.Replace, destination open
            206 { return 'PATH_TOO_LONG' }        # ERROR_FILENAME_EXCED_RANGE
            267 { return 'NOT_A_DIRECTORY' }      # ERROR_DIRECTORY
            183 { return 'NOT_A_DIRECTORY' }      # ERROR_ALREADY_EXISTS: a file where a directory goes, or the reverse
        }
    }
    return 'IO_ERROR'
}

function Get-Message($failure) {
    $e = $failure
    if ($e -is [Management.Automation.ErrorRecord]) { $e = $e.Exception }
    while ($e -is [Management.Automation.MethodInvocationException] -and $e.InnerException) { $e = $e.InnerException }
    return ($e.Message -replace '[\r\n]+', ' ')
}

function Assert-Relative([string]$rel) {
    $parts = $rel.Split('/')
    $bad = $rel.Length -eq 0 -or $rel.StartsWith('/') -or $rel.Contains("`0") -or $rel.Contains('\') -or $rel.Contains(':')
    foreach ($p in $parts) {
        if ($p -eq '' -or $p -eq '.' -or $p -eq '..') { $bad = $true }
        # what Win32 normalisation would alter (trailing dots and spaces), device names, characters Windows refuses
        if ($p.EndsWith('.') -or $p.EndsWith(' ') -or $p.IndexOfAny([char[]]'<>"|?*') -ge 0) { $bad = $true }
        if ($p.Split('.')[0].TrimEnd() -match '^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$') { $bad = $true }
    }
    if ($bad) { Fail 'INVALID_PATH' -1 $rel "relative path refused: $rel" }
}

function Join-Remote([string]$root, [string]$rel) {
    return $root.TrimEnd('\', '/') + '\' + $rel.Replace('/', '\')
}

function Get-FileSha256([string]$path) {
    $stream = [IO.File]::OpenRead($path)
    try { return Get-Hex ([Security.Cryptography.SHA256]::Create().ComputeHash($stream)) } finally { $stream.Dispose() }
}

function Get-Decision([string]$policy, $entry, [string]$path) {
    if ($entry.Kind -eq 'D') { return 'DIR' }
    if ($policy -eq 'ALWAYS' -or -not (Test-Path -LiteralPath $path)) { return 'SEND' }
    if ($policy -eq 'NEVER') { return 'SKIP_EXISTING' }
    try {
        $info = New-Object IO.FileInfo($path)
        if ($info.Exists -and $info.Length -eq $entry.Size -and (Get-FileSha256 $path) -eq $entry.Sha) { return 'SKIP_UNCHANGED' }
    } catch { }
    return 'SEND'
}

$script:Temp = $null
$script:Handle = $null

function Remove-Temp {
    if ($null -ne $script:Handle) { try { $script:Handle.Dispose() } catch { } }
    if ($null -ne $script:Temp) { try { [IO.File]::Delete($script:Temp) } catch { } }
    $script:Temp = $null; $script:Handle = $null
}

function Invoke-Upload([byte[]]$manifest) {
    $lines = $Utf8.GetString($manifest).Split("`n")
    $head = $lines[0].Split("`t", 3)
    $policy = $head[1]; $root = $head[2]
    if ($head[0] -ne '1' -or @('ALWAYS', 'IF_CHANGED', 'NEVER') -notcontains $policy) {
        Fail 'PROTOCOL' -1 '' "unsupported manifest header $($lines[0])"
    }
    $entries = New-Object Collections.Generic.List[object]
    for ($i = 1; $i -lt $lines.Length; $i++) {
        if ($lines[$i].Length -eq 0) { continue }
        $f = $lines[$i].Split("`t", 4)
        Assert-Relative $f[3]
        $entries.Add(@{ Kind = $f[0]; Size = [long]$f[1]; Sha = $f[2]; Rel = $f[3]; Path = (Join-Remote $root $f[3]) })
    }
    $decisions = @(foreach ($e in $entries) { Get-Decision $policy $e $e.Path })
    Write-Text 'N' ($decisions -join "`n")
    $results = New-Object Collections.Generic.List[string]
    for ($i = 0; $i -lt $entries.Count; $i++) {
        if ($decisions[$i] -eq 'DIR') {
            try { [void][IO.Directory]::CreateDirectory($entries[$i].Path) }
            catch { Fail (Get-Reason $_) $i $entries[$i].Path (Get-Message $_) }
            $results.Add("$i`tDIRECTORY`t0`t")
        }
    }
    $current = -1
    $sha = $null
    $count = 0
    while ($true) {
        $frame = Read-Frame
        if ($null -eq $frame) { Remove-Temp; Fail 'PROTOCOL' -1 '' 'stdin ended before the quit frame' }
        switch ($frame.Type) {
            'P' { Write-Frame 'K' $frame.Payload $frame.Payload.Length }
            'B' {
                $current = [int][Text.Encoding]::ASCII.GetString($frame.Payload)
                if ($decisions[$current] -ne 'SEND') { Fail 'PROTOCOL' -1 '' "file $current was not asked for" }
                $path = $entries[$current].Path
                try {
                    $dir = [IO.Path]::GetDirectoryName($path)
                    [void][IO.Directory]::CreateDirectory($dir)
                    $script:Temp = [IO.Path]::Combine($dir, '.wct-' + [Guid]::NewGuid().ToString('N').Substring(0, 16) + '.tmp')
                    $script:Handle = New-Object IO.FileStream($script:Temp, [IO.FileMode]::CreateNew, [IO.FileAccess]::Write, [IO.FileShare]::None, $ReadSize)
                } catch { Remove-Temp; Fail (Get-Reason $_) $current $path (Get-Message $_) }
                $sha = [Security.Cryptography.SHA256]::Create()
                $count = 0
            }
            'C' {
                if ($null -eq $script:Handle) { Fail 'PROTOCOL' -1 '' 'chunk outside a file' }
                $n = $frame.Payload.Length
                try { $script:Handle.Write($frame.Payload, 0, $n) }
                catch { Remove-Temp; Fail (Get-Reason $_) $current $entries[$current].Path (Get-Message $_) }
                [void]$sha.TransformBlock($frame.Payload, 0, $n, $null, 0)
                $count += $n
            }
            'E' {
                $trailer = [Text.Encoding]::ASCII.GetString($frame.Payload).Split("`t")
                $path = $entries[$current].Path
                try { $script:Handle.Dispose() }
                catch { Remove-Temp; Fail (Get-Reason $_) $current $path (Get-Message $_) }
                [void]$sha.TransformFinalBlock((New-Object byte[] 0), 0, 0)
                $actual = Get-Hex $sha.Hash
                if ($count -ne [long]$trailer[0] -or $actual -ne $trailer[1]) {
                    Remove-Temp
                    Fail 'VERIFICATION_FAILED' $current $path "received $count bytes with SHA-256 $actual, expected $($trailer[0]) bytes with $($trailer[1])"
                }
                try {
                    if ([IO.File]::Exists($path)) { [IO.File]::Replace($script:Temp, $path, $null) }
                    else { [IO.File]::Move($script:Temp, $path) }
                } catch {
                    $replaceError = $_
                    # ReplaceFile's ERROR_UNABLE_TO_MOVE_REPLACEMENT leaves the old file deleted and the verified new
                    # content at the temporary name: move it into place rather than delete the only copy
                    if (-not [IO.File]::Exists($path) -and [IO.File]::Exists($script:Temp)) {
                        try { [IO.File]::Move($script:Temp, $path); $script:Temp = $null } catch { }
                    }
                    Remove-Temp; Fail (Get-Reason $replaceError) $current $path (Get-Message $replaceError)
                }
                $script:Temp = $null; $script:Handle = $null
                $results.Add("$current`tCOPIED`t$count`t$actual")
            }
            'A' { Remove-Temp }
            'Q' { Write-Text 'R' ($results -join "`n"); return }
            default { Fail 'PROTOCOL' -1 '' "unexpected frame $($frame.Type) during upload" }
        }
    }
}

function Invoke-Download([byte[]]$payload) {
    $path = $Utf8.GetString($payload)
    try {
        $stream = [IO.File]::OpenRead($path)
    } catch { Fail (Get-Reason $_) 0 $path (Get-Message $_) }
    try {
        Write-Text 'S' ([string]$stream.Length)
        $sha = [Security.Cryptography.SHA256]::Create()
        $buffer = New-Object byte[] $ReadSize
        while (($n = $stream.Read($buffer, 0, $ReadSize)) -gt 0) {
            [void]$sha.TransformBlock($buffer, 0, $n, $null, 0)
            Write-Frame 'C' $buffer $n
        }
        [void]$sha.TransformFinalBlock((New-Object byte[] 0), 0, 0)
    } catch { Fail (Get-Reason $_) 0 $path (Get-Message $_) }
    finally { $stream.Dispose() }
    Write-Text 'E' (Get-Hex $sha.Hash)
}

function Invoke-Drain {
    $buffer = New-Object byte[] $ReadSize
    while ($In.Read($buffer, 0, $ReadSize) -gt 0) { }
}

Write-Text 'V' 'winrm-credssp-transfer 1'
$code = 0
try {
    $frame = Read-Frame
    if ($null -ne $frame -and $frame.Type -eq 'U') { Invoke-Upload $frame.Payload }
    elseif ($null -ne $frame -and $frame.Type -eq 'G') { Invoke-Download $frame.Payload }
    else { Fail 'PROTOCOL' -1 '' 'expected an upload or get frame' }
    Write-Frame 'Z' (New-Object byte[] 0) 0
} catch {
    Remove-Temp
    $reason = Get-Reason $_
    $index = -1; $where = ''
    if ($null -ne $script:Failure) { $reason = $script:Failure.Reason; $index = $script:Failure.Index; $where = $script:Failure.Where }
    Write-Text 'X' ("$reason`t$index`t$where`t" + (Get-Message $_))
    Invoke-Drain
    $code = if ($reason -eq 'PROTOCOL') { 2 } else { 1 }
}
exit $code
