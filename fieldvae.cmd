@echo off
rem Launches the FieldVAE command line on Windows, as ./fieldvae does elsewhere: builds it first when the jar is
rem missing, then runs it with ND4J's oneDNN + AVX-512 natives where the CPU has AVX-512, else the generic build.
setlocal
set "root=%~dp0"
set "jar=%root%cli\target\fieldvae-cli.jar"
if not exist "%jar%" (
  echo fieldvae: building the command line ^(first run^) ... 1>&2
  pushd "%root%"
  call mvn -B -q -DskipTests -pl cli -am package 1>&2 || (popd & exit /b 1)
  popd
)
rem The quickstart runs ND4J on one OpenMP thread unless OMP_NUM_THREADS is set, as ./fieldvae does: reproducible scores.
if /i "%~1"=="quickstart" if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
rem AVX-512: asked of .NET (PowerShell 7.4+, System.Runtime.Intrinsics); without it the generic build is used.
set "extension="
for /f %%a in ('pwsh -NoProfile -Command "[System.Runtime.Intrinsics.X86.Avx512F]::IsSupported" 2^>nul') do (
  if /i "%%a"=="True" set "extension=-onednn-avx512"
)
if "%FIELDVAE_NATIVE_CACHE%"=="" (set "cache=%USERPROFILE%\.cache\fieldvae\javacpp") else (set "cache=%FIELDVAE_NATIVE_CACHE%")
if "%FIELDVAE_JAVA_OPTS%"=="" (set "opts=-Xmx8g") else (set "opts=%FIELDVAE_JAVA_OPTS%")
java %opts% "-Dorg.bytedeco.javacpp.platform.extension=%extension%" "-Dorg.bytedeco.javacpp.cachedir=%cache%" ^
  -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G -jar "%jar%" %*
exit /b %ERRORLEVEL%
