#ifndef GCSIM_DENSE_MODE_TRACKER_H
#define GCSIM_DENSE_MODE_TRACKER_H

#include "../multicast/dense-mode.h"

#include <cstdint>

namespace ns3
{
namespace gcsim
{

/// What dense mode's routers sent and dropped over one run.
struct DenseModeCounts
{
    bool used{false};           //!< the run used dense mode
    uint64_t prunes{0};         //!< Prunes sent
    uint64_t grafts{0};         //!< Grafts sent (retries included)
    uint64_t graftAcks{0};      //!< Graft-Acks sent
    uint64_t controlPackets{0}; //!< all three
    uint64_t controlBytes{0};   //!< their IPv4 bytes (header included, link framing not)
    uint64_t rpfDrops{0};       //!< group datagrams dropped for arriving off the RPF interface
};

/// \brief Counts dense mode's control packets and RPF drops from its trace sources.
class DenseModeTracker
{
public:
    explicit DenseModeTracker(Ptr<DenseMode> dense);
    DenseModeCounts Finish() const;

private:
    DenseModeCounts m_counts;
};

} // namespace gcsim
} // namespace ns3

#endif
