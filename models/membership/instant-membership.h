#ifndef GCSIM_INSTANT_MEMBERSHIP_H
#define GCSIM_INSTANT_MEMBERSHIP_H

#include "membership-model.h"

namespace ns3
{
namespace gcsim
{

/**
 * \brief The `instant` membership model: a central controller that applies each join and
 * leave everywhere in the same simulated instant, as ns-2's centralised multicast did.
 *
 * At a change: the host's GroupMembership (and so its NICs' multicast filters), the
 * snooping table of a switch the host hangs off, the group's multicast routes on every
 * router (removed and recomputed by the routing variant for the members now in the group;
 * a shared tree keeps the rendezvous router it started with, as a configured RP stays),
 * and P1's directory with the delivery mode's configuration, so that replicated unicast
 * and the overlay address the members of the moment. No control packet crosses a link:
 * the ControlTx trace never fires for this model. A router interface has members while a
 * member host is on its link.
 */
class InstantMembership : public MembershipModel
{
public:
    static TypeId GetTypeId();

    void Join(uint32_t client) override;
    void Leave(uint32_t client) override;

private:
    /// Applies the change of \p client to hosts, switches, routers and P1.
    void Apply(uint32_t client, bool joined);
};

} // namespace gcsim
} // namespace ns3

#endif
