global using Itsm.Core.Common;
