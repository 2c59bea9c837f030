// The machine every fuzz target sees, whatever it runs on (linked with
// -Wl,--wrap=_ZN5gcsim15AvailableMemoryEv: calls of gcsim::AvailableMemory() come here).
#include <cstdint>

extern "C" uint64_t
__wrap__ZN5gcsim15AvailableMemoryEv()
{
    return uint64_t(16) << 30;
}
