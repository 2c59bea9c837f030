#include "ordering-agent.h"

#include "order-trailer.h"

#include <ns3/boolean.h>
#include <ns3/enum.h>
#include <ns3/inet-socket-address.h>
#include <ns3/log.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

std::string
DeliveryOrderName(DeliveryOrder order)
{
    switch (order)
    {
        case ORDER_FIFO:
            return "fifo";
        case ORDER_TOTAL:
            return "total";
        default:
            return "none";
    }
}

DeliveryOrder
DeliveryOrderOf(const std::string& name)
{
    if (name == "none")
    {
        return ORDER_NONE;
    }
    if (name == "fifo")
    {
        return ORDER_FIFO;
    }
    if (name == "total")
    {
        return ORDER_TOTAL;
    }
    throw std::invalid_argument("no delivery order '" + name + "'");
}

NS_LOG_COMPONENT_DEFINE("GcsimOrderingAgent");

NS_OBJECT_ENSURE_REGISTERED(OrderingAgent);

TypeId
OrderingAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::OrderingAgent")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<OrderingAgent>()
            .AddAttribute("ClientNumber", "This client's number: the origin of its messages.",
                          UintegerValue(1), MakeUintegerAccessor(&OrderingAgent::m_client),
                          MakeUintegerChecker<uint32_t>(1, 0xffffff))
            .AddAttribute("Member", "Whether this client delivers the group's messages.",
                          BooleanValue(false), MakeBooleanAccessor(&OrderingAgent::m_member),
                          MakeBooleanChecker())
            .AddAttribute(
                "Order", "The delivery order.", EnumValue(ORDER_NONE),
                MakeEnumAccessor(&OrderingAgent::m_order),
                MakeEnumChecker(ORDER_NONE, "none", ORDER_FIFO, "fifo", ORDER_TOTAL, "total"))
            .AddAttribute("Group", "The group's address.", Ipv4AddressValue("239.255.0.1"),
                          MakeIpv4AddressAccessor(&OrderingAgent::m_group),
                          MakeIpv4AddressChecker())
            .AddAttribute("Sequencer", "P1's address (total order).", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&OrderingAgent::m_sequencer),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port", "The group's UDP port.", UintegerValue(20001),
                          MakeUintegerAccessor(&OrderingAgent::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("SequencerPort", "The UDP port of P1's Sequencer.", UintegerValue(20002),
                          MakeUintegerAccessor(&OrderingAgent::m_sequencerPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MessageSize", "UDP payload bytes of a message, stamp included.",
                          UintegerValue(1024), MakeUintegerAccessor(&OrderingAgent::m_size),
                          MakeUintegerChecker<uint32_t>(
                              GroupHeader::SERIALIZED_SIZE + OrderTrailer::SERIALIZED_SIZE, 65507))
            .AddAttribute("TagBase", "The GroupMessageTag of message k is TagBase + k.",
                          UintegerValue(0), MakeUintegerAccessor(&OrderingAgent::m_tagBase),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Send", "This client sent one of its group messages.",
                            MakeTraceSourceAccessor(&OrderingAgent::m_sendTrace),
                            "ns3::gcsim::OrderingAgent::SendCallback")
            .AddTraceSource("Deliver", "A group message reached the application, in order.",
                            MakeTraceSourceAccessor(&OrderingAgent::m_deliverTrace),
                            "ns3::gcsim::OrderingAgent::DeliverCallback");
    return tid;
}

void
OrderingAgent::AddSend(Time at)
{
    NS_LOG_FUNCTION(this << at);
    m_sends.push_back(at);
}

uint32_t
OrderingAgent::HeldBack() const
{
    return static_cast<uint32_t>(m_heldFifo.size() + m_heldTotal.size());
}

void
OrderingAgent::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_sends.empty())
    {
        return;
    }
    m_socket = BindOrderingSocket(GetNode(), 0);
    for (uint32_t k = 0; k < m_sends.size(); ++k)
    {
        Simulator::Schedule(m_sends[k], &OrderingAgent::Send, this, k);
    }
}

void
OrderingAgent::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
    }
}

void
OrderingAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    Application::DoDispose();
}

void
OrderingAgent::Send(uint32_t message)
{
    NS_LOG_FUNCTION(this << message);
    GroupHeader header;
    header.SetKind(GroupHeader::GROUP_MESSAGE);
    header.Stamp(m_client, message);
    Ptr<Packet> datagram =
        MakeOrderedDatagram(header, m_size, OrderTrailer::kUnsequenced, m_tagBase + message);
    m_sendTrace(m_client, message);
    if (m_order == ORDER_TOTAL)
    {
        m_socket->SendTo(datagram, 0, InetSocketAddress(m_sequencer, m_sequencerPort));
        return; // delivered here too when P1's sequenced copy comes back
    }
    m_socket->SendTo(datagram, 0, InetSocketAddress(m_group, m_port));
    if (m_member)
    {
        int64_t now = Simulator::Now().GetNanoSeconds();
        Accept(m_client, message, OrderTrailer::kUnsequenced, now, now);
    }
}

void
OrderingAgent::Receive(Ptr<const Packet> datagram, const GroupHeader& header, uint32_t, uint32_t)
{
    NS_LOG_FUNCTION(this << datagram << header);
    if (!m_member || header.GetOrigin() == 0)
    {
        return; // P1's own group messages are not the ordering layer's
    }
    Accept(header.GetOrigin(), header.GetMessage(), SequenceOf(datagram),
           header.GetSendTime().GetNanoSeconds(), Simulator::Now().GetNanoSeconds());
}

void
OrderingAgent::Accept(uint32_t origin, uint32_t message, uint32_t sequence, int64_t sendNs,
                      int64_t receiptNs)
{
    NS_LOG_FUNCTION(this << origin << message << sequence << sendNs << receiptNs);
    Held held{origin, message, sendNs, receiptNs};
    switch (m_order)
    {
        case ORDER_NONE:
            if (m_seen.insert({origin, message}).second)
            {
                Deliver(origin, message, sendNs, receiptNs);
            }
            return;
        case ORDER_FIFO:
        {
            uint32_t& next = m_nextFifo[origin];
            if (message < next || m_heldFifo.count({origin, message}))
            {
                NS_LOG_LOGIC("client " << m_client << ": duplicate of " << origin << "/" << message
                                       << " dropped");
                return; // a duplicate
            }
            m_heldFifo[{origin, message}] = held;
            for (auto it = m_heldFifo.find({origin, next}); it != m_heldFifo.end();
                 it = m_heldFifo.find({origin, next}))
            {
                Held h = it->second;
                m_heldFifo.erase(it);
                ++next;
                Deliver(h.origin, h.message, h.sendNs, h.receiptNs);
            }
            return;
        }
        case ORDER_TOTAL:
            if (sequence == OrderTrailer::kUnsequenced || sequence < m_nextSequence ||
                m_heldTotal.count(sequence))
            {
                NS_LOG_LOGIC("client " << m_client << ": " << origin << "/" << message
                                       << " unsequenced or a duplicate, dropped");
                return; // not sequenced, or a duplicate
            }
            m_heldTotal[sequence] = held;
            for (auto it = m_heldTotal.find(m_nextSequence); it != m_heldTotal.end();
                 it = m_heldTotal.find(m_nextSequence))
            {
                Held h = it->second;
                m_heldTotal.erase(it);
                ++m_nextSequence;
                Deliver(h.origin, h.message, h.sendNs, h.receiptNs);
            }
            return;
    }
}

void
OrderingAgent::Deliver(uint32_t origin, uint32_t message, int64_t sendNs, int64_t receiptNs)
{
    NS_LOG_FUNCTION(this << origin << message << sendNs << receiptNs);
    m_deliverTrace(m_client, origin, message, sendNs, receiptNs);
}

} // namespace gcsim
} // namespace ns3
