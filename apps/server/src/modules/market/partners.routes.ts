import {
  contract,
  contractInput,
  contractList,
  partner,
  partnerInput,
  partnerList,
  partnerQuery,
  partnerUpdate,
  storeInput,
  storeUpdate,
} from '@kopdes/shared/market';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import * as partners from './partners.service.js';
import { contractParams, ctx, partnerParams, storeParams, tags } from './routing.js';

export function registerPartnerRoutes(api: Api) {
  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/partners',
      tags,
      summary: 'Buyers (mitra) with their stores',
      request: { params: coopParams, query: partnerQuery },
      responses: { 200: jsonOf(partnerList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await partners.listPartners(db, coopId, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'post',
      path: '/api/coops/{coopId}/market/partners',
      tags,
      summary: 'Add a buyer with its stores, NPWP, payment terms and contacts',
      request: { params: coopParams, ...jsonBody(partnerInput) },
      responses: { 201: jsonOf(partner, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await partners.createPartner(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/partners/{partnerId}',
      tags,
      summary: 'One buyer with its stores',
      request: { params: partnerParams },
      responses: { 200: jsonOf(partner) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await partners.getPartner(db, coopId, c.req.valid('param').partnerId), 200);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'patch',
      path: '/api/coops/{coopId}/market/partners/{partnerId}',
      tags,
      summary: "Change a buyer's details, link its API token, or deactivate it",
      request: { params: partnerParams, ...jsonBody(partnerUpdate) },
      responses: { 200: jsonOf(partner) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await partners.updatePartner(db, coopId, actor, c.req.valid('param').partnerId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'post',
      path: '/api/coops/{coopId}/market/partners/{partnerId}/stores',
      tags,
      summary: 'Add a store (receiving address, days and hours) to a buyer',
      request: { params: partnerParams, ...jsonBody(storeInput) },
      responses: { 201: jsonOf(partner, 'Added') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await partners.addStore(db, coopId, actor, c.req.valid('param').partnerId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'patch',
      path: '/api/coops/{coopId}/market/stores/{storeId}',
      tags,
      summary: 'Change a store, or deactivate it',
      request: { params: storeParams, ...jsonBody(storeUpdate) },
      responses: { 200: jsonOf(partner) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await partners.updateStore(db, coopId, actor, c.req.valid('param').storeId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/partners/{partnerId}/contracts',
      tags,
      summary: "A buyer's contracts with their price lists, newest first",
      request: { params: partnerParams },
      responses: { 200: jsonOf(contractList) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await partners.listContracts(db, coopId, c.req.valid('param').partnerId), 200);
    },
  );

  api.openapi(
    coopRoute('market.write', {
      method: 'post',
      path: '/api/coops/{coopId}/market/partners/{partnerId}/contracts',
      tags,
      summary: 'A contract: price per pack or kg, weekly volume by delivery day, valid dates, tolerance and returns policy',
      request: { params: partnerParams, ...jsonBody(contractInput) },
      responses: { 201: jsonOf(contract, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await partners.createContract(db, coopId, actor, c.req.valid('param').partnerId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('market.read', {
      method: 'get',
      path: '/api/coops/{coopId}/market/contracts/{contractId}',
      tags,
      summary: 'One contract with its price list',
      request: { params: contractParams },
      responses: { 200: jsonOf(contract) },
    }),
    async (c) => {
      const { db, coopId } = ctx(c);
      return c.json(await partners.getContract(db, coopId, c.req.valid('param').contractId), 200);
    },
  );
}
