#include "dense-mode-tracker.h"

#include "../network/trace-connect.h"

#include <ns3/log.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimDenseModeTracker");

DenseModeTracker::DenseModeTracker(Ptr<DenseMode> dense)
{
    NS_LOG_FUNCTION(this << dense);
    m_counts.used = true;
    Subscribe(dense, "ControlTx",
              Callback<void, uint32_t, Ptr<const Packet>, uint8_t>(
                  [this](uint32_t, Ptr<const Packet> packet, uint8_t type)
                  {
                      ++m_counts.controlPackets;
                      m_counts.controlBytes += packet->GetSize();
                      ++(type == DenseModeHeader::PRUNE   ? m_counts.prunes
                         : type == DenseModeHeader::GRAFT ? m_counts.grafts
                                                          : m_counts.graftAcks);
                  }));
    Subscribe(
        dense, "RpfDrop",
        Callback<void, uint32_t, uint32_t>([this](uint32_t, uint32_t) { ++m_counts.rpfDrops; }));
}

DenseModeCounts
DenseModeTracker::Finish() const
{
    return m_counts;
}

} // namespace gcsim
} // namespace ns3
