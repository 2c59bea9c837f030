#include "ordering-helper.h"

#include "../network/trace-connect.h"
#include "sequencer.h"

#include <algorithm>
#include <ns3/boolean.h>
#include <ns3/enum.h>
#include <ns3/log.h>
#include <ns3/uinteger.h>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimOrderingHelper");

OrderingHelper::OrderingHelper(OrderingSetup setup)
  : m_setup(std::move(setup))
{
    NS_LOG_FUNCTION(this);
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
    NS_LOG_FUNCTION(this << clients.GetN());
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
    NS_LOG_FUNCTION(this << server);
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
