#ifndef GCSIM_ORDERING_RUN_H
#define GCSIM_ORDERING_RUN_H

#include "models/multicast/multicast-routing.h"
#include "models/network/network.h"
#include "models/ordering/ordering-helper.h"
#include "models/stats/delivery-tracker.h"
#include "models/stats/ordering-tracker.h"
#include "scenario.h"

#include <memory>
#include <ns3/application-container.h>

namespace gcsim
{

/// The ordering layer of one multicast run of a scenario with [ordering].
struct OrderingRun
{
    ns3::ApplicationContainer agents;    //!< client n's OrderingAgent at n - 1
    ns3::ApplicationContainer sequencer; //!< P1's Sequencer (total order only)
    std::unique_ptr<ns3::gcsim::OrderingTracker> tracker;
};

/**
 * In `none` and `fifo` the senders multicast themselves: adds them to \p group.senders (so
 * that the routes give each its own tree) and gives each a default multicast route out of
 * its one interface. In `total` only P1 multicasts, and nothing changes.
 */
void AddOrderingSenders(const Scenario& s, const Scenario::RunSpec& spec,
                        const ns3::gcsim::Network& network, ns3::gcsim::MulticastGroup& group);

/**
 * Installs the agents and the sequencer, connects the agents' sends to \p deliveries (a
 * message's destinations: the members but its sender in none and fifo, every member in
 * total, where the sender's own copy comes back from P1) and starts the tracker.
 */
OrderingRun InstallOrdering(const Scenario& s, const Scenario::RunSpec& spec,
                            const ns3::gcsim::Network& network,
                            const ns3::ApplicationContainer& clients,
                            ns3::gcsim::DeliveryTracker& deliveries);

/// The last instant a sender sends (0 without [ordering]).
ns3::Time LastOrderingSend(const Scenario& s);

} // namespace gcsim

#endif
