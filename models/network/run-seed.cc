#include "run-seed.h"

#include <algorithm>
#include <ns3/log.h>
#include <random>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimRunSeed");

namespace
{

/// A nonzero 32-bit value std::seed_seq makes of \p words (portable: the algorithm is the
/// standard's).
uint32_t
Mixed(std::initializer_list<uint32_t> words)
{
    std::seed_seq sequence(words);
    uint32_t out[1];
    sequence.generate(out, out + 1);
    return out[0] == 0 ? 1 : out[0];
}

} // namespace

uint32_t
RunSeed(uint32_t seed, uint32_t run)
{
    NS_LOG_FUNCTION(seed << run);
    return run <= 1 ? seed : Mixed({seed, run});
}

uint32_t
PurposeSeed(uint32_t runSeed, uint32_t purpose)
{
    NS_LOG_FUNCTION(runSeed << purpose);
    return Mixed({runSeed, purpose, 0x67637369}); // "gcsi"
}

std::vector<uint32_t>
ChooseDistinct(uint32_t n, uint32_t k, uint32_t seed)
{
    NS_LOG_FUNCTION(n << k << seed);
    std::vector<uint32_t> all(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        all[i] = i + 1;
    }
    std::mt19937_64 rng(seed);
    for (uint32_t i = 0; i < k; ++i)
    {
        uint64_t span = n - i;
        uint32_t j = i + static_cast<uint32_t>(rng() % span);
        std::swap(all[i], all[j]);
    }
    all.resize(k);
    std::sort(all.begin(), all.end());
    return all;
}

} // namespace gcsim
} // namespace ns3
