@rem leakline: runs the Leakline analyzer from this distribution (Windows).
@rem
@rem Java: %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java.exe on the PATH; it must be Java 17 or later.
@rem LEAKLINE_JAVA_OPTS: options for that JVM, e.g. set LEAKLINE_JAVA_OPTS=-Xmx2g
@rem
@rem Exit codes: those of the analyzer (0 no leak, 1 leaks, 2 bad input or usage, 3 internal error), and
@rem 5 when no usable Java was found (missing, or older than 17): one line on stderr says which and what to do.
@echo off
setlocal

set "APP_HOME=%~dp0.."
set "LEAKLINE_JAR=%APP_HOME%\lib\leakline.jar"

if not defined JAVA_HOME goto findJavaOnPath
set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA_EXE%" goto checkVersion
echo leakline: JAVA_HOME is set to '%JAVA_HOME%' but %JAVA_EXE% does not exist; point JAVA_HOME to a Java 17+ installation or unset it to use java from the PATH. 1>&2
exit /b 5

:findJavaOnPath
set "JAVA_EXE=java.exe"
where /q java.exe
if %ERRORLEVEL% equ 0 goto checkVersion
echo leakline: no Java found: install Java 17 or later, then put its bin directory on the PATH or set JAVA_HOME. 1>&2
exit /b 5

:checkVersion
rem The third token of the line with "version": "17.0.2" or "1.8.0_392"; an unreadable one is left to the JVM.
set "JAVA_VERSION="
for /f "tokens=3" %%v in ('""%JAVA_EXE%" -version 2>&1 | findstr /i /c:" version ""') do set "JAVA_VERSION=%%~v"
if not defined JAVA_VERSION goto run
set "JAVA_MAJOR="
set "JAVA_MINOR="
for /f "tokens=1,2 delims=._-+" %%a in ("%JAVA_VERSION%") do (
    set "JAVA_MAJOR=%%a"
    set "JAVA_MINOR=%%b"
)
if "%JAVA_MAJOR%"=="1" set "JAVA_MAJOR=%JAVA_MINOR%"
if not defined JAVA_MAJOR goto run
if %JAVA_MAJOR% geq 17 goto run
echo leakline: Java %JAVA_VERSION% at %JAVA_EXE% is too old: the analyzer needs Java 17 or later (set JAVA_HOME to a newer one). 1>&2
exit /b 5

:run
"%JAVA_EXE%" %LEAKLINE_JAVA_OPTS% -jar "%LEAKLINE_JAR%" %*
exit /b %ERRORLEVEL%
