#ifndef GCSIM_SEND_TIMES_H
#define GCSIM_SEND_TIMES_H

#include <cstdint>
#include <ns3/nstime.h>
#include <vector>

namespace ns3
{
namespace gcsim
{

/// When the senders of an ordering run send: the inputs of SendTimes().
struct SendSchedule
{
    std::size_t senders{0}; //!< how many clients send
    uint32_t messages{0};   //!< messages per sender
    Time start;             //!< the first send of sender 0 (without jitter)
    Time interval;          //!< between a sender's sends
    Time offset;            //!< sender i (from 0) starts i x offset late
    Time jitter;            //!< each send is late by a uniform [0, jitter) ns
    uint32_t seed{1};       //!< the jitter's own generator's seed
};

/**
 * Per sender: when each of its messages leaves, ascending (a sender numbers its messages in
 * the order they leave). Sender i sends at start + k x interval + i x offset + a uniform
 * draw in [0, jitter) ns, k = 0 .. messages - 1, drawn sender by sender from its own
 * std::mt19937_64 seeded with seed.
 */
std::vector<std::vector<Time>> SendTimes(const SendSchedule& schedule);

} // namespace gcsim
} // namespace ns3

#endif
