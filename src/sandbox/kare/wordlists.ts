// Word lists for a believable French facility-compliance organization: the firms a building
// manager deals with (verification bodies, works contractors, maintenance firms) and their people.

export const SURNAMES = [
  'Dupont', 'Martin', 'Bernard', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garnier',
  'Rousseau', 'Fontaine', 'Chevalier', 'Girard', 'Bonnet', 'Lambert', 'Faure', 'Mercier', 'Blanc', 'Guérin',
  'Boyer', 'Perrin', 'Morel', 'Roux', 'Fournier', 'Gauthier', 'Robin', 'Clément', 'Masson', 'Marchand',
  "d'Almeida", "N'Diaye", 'Le Gall', 'Le Goff', 'Picard', 'Carpentier', 'Lemaire', 'Barbier', 'Brun', 'Renaud',
] as const;

export const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Julie', 'Émilie', 'Claire', 'Hélène',
  'Nathalie', 'Sophie', 'Amandine', 'Aurélie', 'Lucas', 'Hugo', 'Louis', 'Théo', 'Nicolas', 'Julien',
  'Thomas', 'Antoine', 'Maxime', 'Pierre', 'François', 'Jérôme', 'Stéphane', 'Olivier', 'Mathieu', 'Rémi',
] as const;

export const PLACES = [
  'Lyon', 'Rhône', 'Paris Est', 'Île-de-France', 'Nantes', 'Atlantique', 'Bordeaux', 'Aquitaine', 'Lille', 'Nord',
  'Marseille', 'Provence', 'Toulouse', 'Occitanie', 'Strasbourg', 'Alsace', 'Rennes', 'Bretagne', 'Grenoble', 'Alpes',
  'Dijon', 'Bourgogne', 'Rouen', 'Normandie', 'Tours', 'Val de Loire', 'Nice', 'Côte d’Azur', 'Montpellier', 'Auvergne',
] as const;

/** `{S}` = a surname, `{P}` = a place. Index = company type (1 verification, 2 works, 3 maintenance). */
export const NAME_PATTERNS: Record<1 | 2 | 3, readonly string[]> = {
  1: ['Bureau de Contrôle {P}', '{P} Vérifications', 'Contrôle Technique {P}', 'Cabinet {S} Expertises', 'Sécurité Incendie {P}', 'Diagnostics {S}'],
  2: ['{S} BTP', 'Bâtiments {P}', '{S} & Fils', 'Électricité {S}', 'Plomberie {S}', 'Menuiserie {P}', 'Couverture {S}'],
  3: ['{S} Maintenance', 'Ascenseurs {P}', '{P} Climatisation', 'Thermique {S}', 'Extincteurs {P}', 'Portes Automatiques {S}'],
};

export const LEGAL_FORMS = ['', '', '', ' SARL', ' SAS', ' SA', ' EURL'] as const;

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue Pasteur', 'place de la Mairie',
  'rue du Général de Gaulle', 'allée des Tilleuls', 'chemin des Vignes', 'quai Saint-Antoine', 'rue des Écoles',
] as const;

export const CITIES = [
  ['69002', 'Lyon'], ['75011', 'Paris'], ['44000', 'Nantes'], ['33000', 'Bordeaux'], ['59000', 'Lille'],
  ['13008', 'Marseille'], ['31000', 'Toulouse'], ['67000', 'Strasbourg'], ['35000', 'Rennes'], ['38000', 'Grenoble'],
] as const;

export const COMMENTS = [
  'Contrat annuel renouvelé en janvier.',
  'Intervient le mardi matin uniquement.',
  'Astreinte 24/7 : appeler le standard.',
  'Devis à demander avant toute intervention.',
  'Rapport de vérification envoyé sous 15 jours.',
  "Accès au local technique : badge à retirer à l'accueil.",
] as const;

export const CONTACT_ROLES = ['Responsable technique', 'Chargé d’affaires', 'Technicien', 'Assistante', 'Directeur d’agence', 'Astreinte'] as const;

export const INSTALLATIONS = [
  { id: 1, key: 'establishment_informations.installation_ascenseurs' },
  { id: 2, key: 'establishment_informations.installation_electrique' },
  { id: 3, key: 'establishment_informations.installation_gaz' },
  { id: 4, key: 'establishment_informations.systeme_securite_incendie' },
  { id: 5, key: 'establishment_informations.desenfumage' },
  { id: 6, key: 'establishment_informations.extincteurs' },
  { id: 7, key: 'establishment_informations.chauffage_ventilation' },
  { id: 8, key: 'establishment_informations.portes_automatiques' },
] as const;

export const LABELS = [
  { id: 1, name: 'Urgent', color: '#FF5733' },
  { id: 2, name: 'Contrat cadre', color: '#2E86C1' },
  { id: 3, name: 'À relancer', color: '#F1C40F' },
  { id: 4, name: 'Prestataire agréé', color: '#28B463' },
] as const;
