"""Khabar's ontology: the Turtle file and its terms as a closed Python namespace."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .terms import KB, ONTOLOGY_IRI

__all__ = ["KB", "ONTOLOGY_IRI", "ontology_path", "ENTITY_CLASS", "SUBCLASS"]

# Recognizer types and curated "kind" values -> classes
ENTITY_CLASS = {"PER": KB.Person, "ORG": KB.Organization, "LOC": KB.Place}
SUBCLASS = {
    "ArmedGroup": KB.ArmedGroup, "PoliticalParty": KB.PoliticalParty, "GovernmentBody": KB.GovernmentBody,
    "Military": KB.Military, "InternationalOrganization": KB.InternationalOrganization,
    "NewsAgency": KB.NewsOrganization, "Company": KB.Company, "SportsClub": KB.SportsClub,
    "Religious": KB.ReligiousOrganization, "Country": KB.Country,
    "Governorate": KB.AdministrativeArea, "Region": KB.Region, "City": KB.City, "Facility": KB.Facility,
    "Landmark": KB.Facility, "Waterway": KB.Region,
}


def ontology_path() -> Path:
    """The ontology as Turtle, shipped with the package."""
    return Path(str(resources.files("khabar.ontology").joinpath("khabar.ttl")))
