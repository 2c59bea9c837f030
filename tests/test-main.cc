// The test programs' main: fixes ns-3's time resolution first, as the gcsim program does
// (scratch/gcsim/main.cc). Until the resolution is fixed, ns-3 keeps every Time object in a
// registry so it could convert them; building networks then costs several times as much.
// It also sets GCSIM_NO_PLOTS: `gcsim run` and `gcsim sweep` draw their figures with gnuplot
// by default, which hundreds of test runs do not need; the tests of that default unset it
// (tests/plot-test.cc).

#include <cstdlib>
#include <gtest/gtest.h>
#include <ns3/nstime.h>

int
main(int argc, char** argv)
{
    ns3::Time::SetResolution(ns3::Time::NS);
    setenv("GCSIM_NO_PLOTS", "1", 1);
    // gcsim wraps its console table to COLUMNS: tests see the unwrapped one unless they set it.
    unsetenv("COLUMNS");
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
