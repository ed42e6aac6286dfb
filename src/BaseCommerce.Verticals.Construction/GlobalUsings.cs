// Namespaces nearly every page and endpoint of the vertical uses.
global using BaseCommerce.Verticals.Construction.Data;
global using BaseCommerce.Verticals.Construction.Domain;
global using Microsoft.EntityFrameworkCore;
