#include "frame-loss.h"

#include <ns3/double.h>
#include <ns3/ethernet-header.h>
#include <ns3/log.h>
#include <ns3/packet.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimFrameLoss");

NS_OBJECT_ENSURE_REGISTERED(FrameLoss);

TypeId
FrameLoss::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::FrameLoss")
            .SetParent<ErrorModel>()
            .SetGroupName("Gcsim")
            .AddConstructor<FrameLoss>()
            .AddAttribute("Rate", "The probability of losing a frame the device takes in (0..1).",
                          DoubleValue(0.0), MakeDoubleAccessor(&FrameLoss::m_rate),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddTraceSource("Lost", "A frame the device would have taken in was lost on the link.",
                            MakeTraceSourceAccessor(&FrameLoss::m_lostTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

FrameLoss::FrameLoss()
  : m_draw(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

FrameLoss::~FrameLoss()
{
    NS_LOG_FUNCTION(this);
}

Ptr<FrameLoss>
FrameLoss::Create(double rate, Accepts accepts, Mac48Address own)
{
    NS_LOG_FUNCTION(rate << own);
    Ptr<FrameLoss> loss = CreateObject<FrameLoss>();
    loss->SetAttribute("Rate", DoubleValue(rate));
    loss->m_accepts = accepts;
    loss->m_own = own;
    return loss;
}

int64_t
FrameLoss::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_draw->SetStream(stream);
    return 1;
}

double
FrameLoss::GetRate() const
{
    return m_rate;
}

uint64_t
FrameLoss::GetLost() const
{
    return m_lost;
}

bool
FrameLoss::DoCorrupt(Ptr<Packet> p)
{
    NS_LOG_FUNCTION(this << p);
    if (m_accepts == ADDRESSED)
    {
        EthernetHeader eth(false);
        if (p->PeekHeader(eth) == 0)
        {
            return false;
        }
        Mac48Address to = eth.GetDestination();
        if (!to.IsGroup() && to != m_own)
        {
            return false; // for another NIC on the segment
        }
    }
    if (m_draw->GetValue() >= m_rate)
    {
        return false;
    }
    NS_LOG_LOGIC("frame " << p->GetUid() << " lost on the link");
    ++m_lost;
    m_lostTrace(p);
    return true;
}

void
FrameLoss::DoReset()
{
    NS_LOG_FUNCTION(this);
}

} // namespace gcsim
} // namespace ns3
