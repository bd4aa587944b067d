// Seed 004's request-inclusion example, shared by the sandbox's and the provider's tests.

/** Seed 004, "Create a contact and set it as the primary contact for an organization", verbatim. */
export const SEED_INCLUSION_BODY = {
  data: { attributes: { primaryContactReference: { refid: 'newperson' } } },
  included: {
    Contact: [
      {
        attributes: {
          firstName: 'Sarah',
          lastName: 'Baker',
          primaryAddress: { addressLine1: '123 Hillsdale Blvd', city: 'San Mateo', postalCode: '94403', state: { code: 'CA' } },
          subtype: { code: 'Person' },
        },
        method: 'post',
        refid: 'newperson',
        uri: '/common/v1/contacts',
      },
    ],
  },
};
