/**
 * Which actions are live where: bundle jars loaded in class loaders of their own, deployed to
 * environments with their schemas compiled, conflicts refused.
 */
package io.actionport.server.registry;
