// The sanitizers' defaults in a GCSIM_SANITIZE build, compiled into every program so that
// ctest, the gcsim processes tests start and the fuzzers all run with them (ASAN_OPTIONS,
// UBSAN_OPTIONS and LSAN_OPTIONS in the environment still add to or override them).

extern "C" const char*
__asan_default_options()
{
    return "detect_leaks=1:abort_on_error=0";
}

extern "C" const char*
__ubsan_default_options()
{
    return "print_stacktrace=1:halt_on_error=1";
}

extern "C" const char*
__lsan_default_options()
{
    return "suppressions=" GCSIM_LSAN_SUPPRESSIONS;
}
