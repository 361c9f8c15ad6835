import {
  cluster,
  clusterInput,
  clusterList,
  collectionPoint,
  collectionPointId,
  collectionPointInput,
  collectionPointList,
  collectionPointUpdate,
  farmer,
  farmerList,
  farmerProfileInput,
  farmerQuery,
  location,
  locationId,
  locationInput,
  locationList,
  locationUpdate,
  plot,
  plotId,
  plotInput,
  plotUpdate,
} from '@kopdes/shared/produce';
import { memberId } from '@kopdes/shared/members';
import { coopOf } from '../../http/middleware.js';
import { coopParams, coopRoute, jsonBody, jsonOf, type Api } from '../../http/openapi.js';
import * as farmers from './farmers.service.js';
import { ctx, tags } from './routing.js';

const farmerParams = coopParams.extend({ memberId });
const plotParams = coopParams.extend({ plotId });
const cpParams = coopParams.extend({ collectionPointId });
const locationParams = coopParams.extend({ locationId });

export function registerFarmerRoutes(api: Api) {
  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/clusters',
      tags,
      summary: 'Farmer clusters',
      request: { params: coopParams },
      responses: { 200: jsonOf(clusterList) },
    }),
    async (c) => c.json(await farmers.listClusters(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/clusters',
      tags,
      summary: 'Add a cluster',
      request: { params: coopParams, ...jsonBody(clusterInput) },
      responses: { 201: jsonOf(cluster, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.createCluster(db, coopId, actor, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/farmers',
      tags,
      summary: 'Farmers with group, cluster, payout details and plots',
      request: { params: coopParams, query: farmerQuery },
      responses: { 200: jsonOf(farmerList) },
    }),
    async (c) => c.json(await farmers.listFarmers(c.get('db'), coopOf(c).id, c.req.valid('query')), 200),
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/farmers/{memberId}',
      tags,
      summary: 'One farmer',
      request: { params: farmerParams },
      responses: { 200: jsonOf(farmer) },
    }),
    async (c) => c.json(await farmers.getFarmer(c.get('db'), coopOf(c).id, c.req.valid('param').memberId), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'put',
      path: '/api/coops/{coopId}/produce/farmers/{memberId}',
      tags,
      summary: "A member's supply profile: cluster, how they are paid, whether they deliver",
      request: { params: farmerParams, ...jsonBody(farmerProfileInput) },
      responses: { 200: jsonOf(farmer) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.setFarmerProfile(db, coopId, actor, c.req.valid('param').memberId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/farmers/{memberId}/plots',
      tags,
      summary: 'Add a plot to a farmer (area, village, altitude, coordinates, what it can grow)',
      request: { params: farmerParams, ...jsonBody(plotInput) },
      responses: { 201: jsonOf(plot, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.addPlot(db, coopId, actor, c.req.valid('param').memberId, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'patch',
      path: '/api/coops/{coopId}/produce/plots/{plotId}',
      tags,
      summary: 'Change a plot',
      request: { params: plotParams, ...jsonBody(plotUpdate) },
      responses: { 200: jsonOf(plot) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.updatePlot(db, coopId, actor, c.req.valid('param').plotId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/collection-points',
      tags,
      summary: 'Collection points (titik kumpul) with their delivery days',
      request: { params: coopParams },
      responses: { 200: jsonOf(collectionPointList) },
    }),
    async (c) => c.json(await farmers.listCollectionPoints(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/collection-points',
      tags,
      summary: 'Add a collection point',
      request: { params: coopParams, ...jsonBody(collectionPointInput) },
      responses: { 201: jsonOf(collectionPoint, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.saveCollectionPoint(db, coopId, actor, null, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'patch',
      path: '/api/coops/{coopId}/produce/collection-points/{collectionPointId}',
      tags,
      summary: 'Change a collection point',
      request: { params: cpParams, ...jsonBody(collectionPointUpdate) },
      responses: { 200: jsonOf(collectionPoint) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.saveCollectionPoint(db, coopId, actor, c.req.valid('param').collectionPointId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    coopRoute('produce.read', {
      method: 'get',
      path: '/api/coops/{coopId}/produce/locations',
      tags,
      summary: 'Storage locations: packing house, cold storage, trucks',
      request: { params: coopParams },
      responses: { 200: jsonOf(locationList) },
    }),
    async (c) => c.json(await farmers.listLocations(c.get('db'), coopOf(c).id), 200),
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'post',
      path: '/api/coops/{coopId}/produce/locations',
      tags,
      summary: 'Add a storage location',
      request: { params: coopParams, ...jsonBody(locationInput) },
      responses: { 201: jsonOf(location, 'Created') },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.saveLocation(db, coopId, actor, null, c.req.valid('json')), 201);
    },
  );

  api.openapi(
    coopRoute('produce.manage', {
      method: 'patch',
      path: '/api/coops/{coopId}/produce/locations/{locationId}',
      tags,
      summary: 'Change a storage location',
      request: { params: locationParams, ...jsonBody(locationUpdate) },
      responses: { 200: jsonOf(location) },
    }),
    async (c) => {
      const { db, coopId, actor } = ctx(c);
      return c.json(await farmers.saveLocation(db, coopId, actor, c.req.valid('param').locationId, c.req.valid('json')), 200);
    },
  );
}
