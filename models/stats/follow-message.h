#ifndef GCSIM_FOLLOW_MESSAGE_H
#define GCSIM_FOLLOW_MESSAGE_H

#include "../network/network.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{
namespace gcsim
{

/**
 * Follows one group message at its two ends, for the trackers that tell one message's
 * story (animation, narration): \p onSend when P1's GroupServer sends message \p message,
 * with its destinations (client numbers); \p onReceive with the host index (1..N) and
 * node id of each client whose GroupClient receives it. Both are called at the simulated
 * instant it happens.
 */
void FollowMessage(const Network& network, uint32_t message,
                   std::function<void(const std::vector<uint32_t>& destinations)> onSend,
                   std::function<void(uint32_t host, uint32_t node)> onReceive);

} // namespace gcsim
} // namespace ns3

#endif
