#include "ordering.h"

#include "../group/group-message-tag.h"
#include "../network/trace-connect.h"

#include <ns3/boolean.h>
#include <ns3/enum.h>
#include <ns3/inet-socket-address.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>
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

NS_OBJECT_ENSURE_REGISTERED(OrderTrailer);

OrderTrailer::OrderTrailer(uint32_t sequence)
  : m_sequence(sequence)
{
}

TypeId
OrderTrailer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::gcsim::OrderTrailer")
                            .SetParent<Trailer>()
                            .SetGroupName("Gcsim")
                            .AddConstructor<OrderTrailer>();
    return tid;
}

TypeId
OrderTrailer::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
OrderTrailer::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
OrderTrailer::Serialize(Buffer::Iterator end) const
{
    end.Prev(SERIALIZED_SIZE);
    end.WriteHtonU32(m_sequence);
}

uint32_t
OrderTrailer::Deserialize(Buffer::Iterator end)
{
    end.Prev(SERIALIZED_SIZE);
    m_sequence = end.ReadNtohU32();
    return SERIALIZED_SIZE;
}

void
OrderTrailer::Print(std::ostream& os) const
{
    os << "sequence=" << m_sequence;
}

uint32_t
OrderTrailer::GetSequence() const
{
    return m_sequence;
}

namespace
{

/// A sender's message: GroupHeader, zero padding, and the stamp, \p size bytes in all.
Ptr<Packet>
MakeOrderedDatagram(const GroupHeader& header, uint32_t size, uint32_t sequence, uint32_t tag)
{
    uint32_t body = size > OrderTrailer::SERIALIZED_SIZE ? size - OrderTrailer::SERIALIZED_SIZE : 0;
    Ptr<Packet> datagram = MakeDatagram(header, "", body);
    datagram->AddTrailer(OrderTrailer(sequence));
    datagram->AddPacketTag(GroupMessageTag(tag));
    return datagram;
}

/// The stamp of a datagram made by MakeOrderedDatagram(), or kUnsequenced.
uint32_t
SequenceOf(Ptr<const Packet> datagram)
{
    if (datagram->GetSize() < GroupHeader::SERIALIZED_SIZE + OrderTrailer::SERIALIZED_SIZE)
    {
        return OrderTrailer::kUnsequenced;
    }
    OrderTrailer trailer;
    datagram->Copy()->PeekTrailer(trailer);
    return trailer.GetSequence();
}

Ptr<Socket>
BoundSocket(Ptr<Node> node, uint16_t port)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    if (socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0)
    {
        NS_FATAL_ERROR("cannot bind port " << port);
    }
    socket->SetIpTtl(kInitialTtl);
    return socket;
}

} // namespace

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
    if (m_sends.empty())
    {
        return;
    }
    m_socket = BoundSocket(GetNode(), 0);
    for (uint32_t k = 0; k < m_sends.size(); ++k)
    {
        Simulator::Schedule(m_sends[k], &OrderingAgent::Send, this, k);
    }
}

void
OrderingAgent::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
    }
}

void
OrderingAgent::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

void
OrderingAgent::Send(uint32_t message)
{
    GroupHeader header;
    header.SetKind(GroupHeader::GROUP_MESSAGE);
    header.SetOrigin(m_client);
    header.SetMessage(message);
    header.SetSendTime(Simulator::Now());
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
    m_deliverTrace(m_client, origin, message, sendNs, receiptNs);
}

NS_OBJECT_ENSURE_REGISTERED(Sequencer);

TypeId
Sequencer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gcsim::Sequencer")
            .SetParent<Application>()
            .SetGroupName("Gcsim")
            .AddConstructor<Sequencer>()
            .AddAttribute("Group", "The group's address.", Ipv4AddressValue("239.255.0.1"),
                          MakeIpv4AddressAccessor(&Sequencer::m_group), MakeIpv4AddressChecker())
            .AddAttribute("Port", "The group's UDP port.", UintegerValue(20001),
                          MakeUintegerAccessor(&Sequencer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Listen", "The UDP port senders send to.", UintegerValue(20002),
                          MakeUintegerAccessor(&Sequencer::m_listen),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Sequenced", "A sender's message went out with a sequence number.",
                            MakeTraceSourceAccessor(&Sequencer::m_sequencedTrace),
                            "ns3::gcsim::Sequencer::SequencedCallback");
    return tid;
}

void
Sequencer::StartApplication()
{
    m_socket = BoundSocket(GetNode(), m_listen);
    m_socket->SetRecvCallback(MakeCallback(&Sequencer::HandleRead, this));
}

void
Sequencer::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
Sequencer::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

void
Sequencer::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        GroupHeader header;
        if (packet->PeekHeader(header) != GroupHeader::SERIALIZED_SIZE ||
            header.GetKind() != GroupHeader::GROUP_MESSAGE)
        {
            continue;
        }
        GroupMessageTag tag;
        packet->PeekPacketTag(tag);
        // The sender's header goes out unchanged (origin, its number, its send time):
        // latency at the members then includes the detour through P1.
        uint32_t sequence = m_next++;
        m_sequencedTrace(header.GetOrigin(), header.GetMessage(), sequence);
        m_socket->SendTo(MakeOrderedDatagram(header, packet->GetSize(), sequence, tag.GetMessage()),
                         0, InetSocketAddress(m_group, m_port));
    }
}

OrderingHelper::OrderingHelper(OrderingSetup setup)
  : m_setup(std::move(setup))
{
}

uint32_t
OrderingHelper::TagOf(uint32_t origin, uint32_t message) const
{
    uint32_t base = m_setup.tagBase;
    for (std::size_t i = 0; i < m_setup.senders.size(); ++i)
    {
        if (m_setup.senders[i] == origin)
        {
            return base + message;
        }
        base += static_cast<uint32_t>(m_setup.sendTimes[i].size());
    }
    return base;
}

ApplicationContainer
OrderingHelper::InstallAgents(const ApplicationContainer& clients) const
{
    ApplicationContainer agents;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        uint32_t n = i + 1;
        Ptr<OrderingAgent> agent = CreateObject<OrderingAgent>();
        agent->SetAttribute("ClientNumber", UintegerValue(n));
        agent->SetAttribute("Member", BooleanValue(std::binary_search(m_setup.members.begin(),
                                                                      m_setup.members.end(), n)));
        agent->SetAttribute("Order", EnumValue(m_setup.order));
        agent->SetAttribute("Group", Ipv4AddressValue(m_setup.group));
        agent->SetAttribute("Sequencer", Ipv4AddressValue(m_setup.server));
        agent->SetAttribute("Port", UintegerValue(m_setup.port));
        agent->SetAttribute("SequencerPort", UintegerValue(m_setup.sequencerPort));
        agent->SetAttribute("MessageSize", UintegerValue(m_setup.size));
        agent->SetAttribute("TagBase", UintegerValue(TagOf(n, 0)));
        for (std::size_t s = 0; s < m_setup.senders.size(); ++s)
        {
            if (m_setup.senders[s] == n)
            {
                for (Time at : m_setup.sendTimes[s])
                {
                    agent->AddSend(at);
                }
            }
        }
        clients.Get(i)->GetNode()->AddApplication(agent);
        Subscribe(clients.Get(i), "Rx", MakeCallback(&OrderingAgent::Receive, PeekPointer(agent)));
        agents.Add(agent);
    }
    return agents;
}

ApplicationContainer
OrderingHelper::InstallSequencer(Ptr<Node> server) const
{
    ApplicationContainer apps;
    if (m_setup.order != ORDER_TOTAL)
    {
        return apps;
    }
    Ptr<Sequencer> sequencer = CreateObject<Sequencer>();
    sequencer->SetAttribute("Group", Ipv4AddressValue(m_setup.group));
    sequencer->SetAttribute("Port", UintegerValue(m_setup.port));
    sequencer->SetAttribute("Listen", UintegerValue(m_setup.sequencerPort));
    server->AddApplication(sequencer);
    apps.Add(sequencer);
    return apps;
}

} // namespace gcsim
} // namespace ns3
