// Row "background": [background]'s cross traffic, UDP at a constant rate (OnOff, always on)
// or TCP as fast as it goes (BulkSend), each flow to a PacketSink on its own port, from
// background.start to the end of the run; collects what the sinks received.
#include "run-feature.h"

#include <ns3/bulk-send-helper.h>
#include <ns3/inet-socket-address.h>
#include <ns3/on-off-helper.h>
#include <ns3/packet-sink-helper.h>
#include <ns3/packet-sink.h>
#include <ns3/tcp-l4-protocol.h>
#include <ns3/uinteger.h>

namespace gcsim
{
namespace
{

using namespace ns3;
using namespace ns3::gcsim;

/// Flow i's port at its receiver: above the group's and gcsim's own.
constexpr uint16_t kFirstBackgroundPort = 40000;

class BackgroundFeature : public RunFeature
{
public:
    bool Applies(const RunContext& run) const override
    {
        return !run.s.background.flows.empty();
    }

    void Applications(RunContext& run) override
    {
        const auto& b = run.s.background;
        const Network& network = run.network;
        auto address = [&](uint32_t host)
        { return host == 0 ? network.serverAddress : network.clientAddresses[host - 1]; };
        Time stop = run.lastSend + run.s.traffic.drain;
        // gcsim's hosts carry no TCP (nothing else uses it): the ends of TCP flows get it.
        for (const auto& f : b.flows)
        {
            for (uint32_t host : {f.from, f.to})
            {
                Ptr<Node> node = network.hosts.Get(host);
                if (f.tcp && !node->GetObject<TcpL4Protocol>())
                {
                    node->AggregateObject(CreateObject<TcpL4Protocol>());
                }
            }
        }
        for (std::size_t i = 0; i < b.flows.size(); ++i)
        {
            const auto& f = b.flows[i];
            auto port = static_cast<uint16_t>(kFirstBackgroundPort + i);
            const char* factory = f.tcp ? "ns3::TcpSocketFactory" : "ns3::UdpSocketFactory";
            PacketSinkHelper sink(factory, InetSocketAddress(Ipv4Address::GetAny(), port));
            ApplicationContainer sinks = sink.Install(network.hosts.Get(f.to));
            sinks.Start(Seconds(0));
            m_sinks.Add(sinks);
            InetSocketAddress to(address(f.to), port);
            ApplicationContainer source;
            if (f.tcp)
            {
                BulkSendHelper bulk(factory, to);
                bulk.SetAttribute("SendSize", UintegerValue(b.size));
                source = bulk.Install(network.hosts.Get(f.from));
            }
            else
            {
                OnOffHelper onOff(factory, to);
                onOff.SetConstantRate(f.rate, b.size);
                source = onOff.Install(network.hosts.Get(f.from));
            }
            source.Start(b.start);
            source.Stop(stop);
        }
        m_start = b.start;
        m_stop = stop;
    }

    void Collect(RunContext&, ModeResult& result) override
    {
        result.background.flows = m_sinks.GetN();
        for (uint32_t i = 0; i < m_sinks.GetN(); ++i)
        {
            result.background.bytesReceived +=
                DynamicCast<PacketSink>(m_sinks.Get(i))->GetTotalRx();
        }
        double seconds = (m_stop - m_start).GetSeconds();
        result.background.throughputBps =
            seconds > 0 ? 8.0 * double(result.background.bytesReceived) / seconds : 0.0;
    }

private:
    ApplicationContainer m_sinks;
    Time m_start;
    Time m_stop;
};

} // namespace

std::unique_ptr<RunFeature>
MakeBackgroundFeature()
{
    return std::make_unique<BackgroundFeature>();
}

} // namespace gcsim
